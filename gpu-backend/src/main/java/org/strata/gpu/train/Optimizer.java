package org.strata.gpu.train;

/** How parameters follow their gradients. */
public enum Optimizer {
    /** Adagrad (Duchi et al. 2011), the usual choice for ComplEx-N3. */
    ADAGRAD,
    /** Adam (Kingma and Ba 2015) with bias correction. */
    ADAM
}
