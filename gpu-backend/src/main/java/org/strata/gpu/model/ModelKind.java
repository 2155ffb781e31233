package org.strata.gpu.model;

import org.strata.gpu.engine.QueryForm;

/** The embedding models Strata trains; each scores every entity at once with one matrix product. */
public enum ModelKind {
    /** DistMult (Yang et al. 2015): {@code ⟨h, r, t⟩}, real vectors of the given dimension. */
    DISTMULT(QueryForm.PRODUCT, 1),
    /** ComplEx (Trouillon et al. 2016): {@code Re⟨h, r, conj(t)⟩}, complex vectors; rows hold 2 × dim reals. */
    COMPLEX(QueryForm.COMPLEX, 2),
    /** TransE with squared L2 distance: {@code −|h + r − t|²}, real vectors of the given dimension. */
    TRANSE(QueryForm.SUM, 1);

    private final QueryForm form;
    private final int realsPerDimension;

    ModelKind(QueryForm form, int realsPerDimension) {
        this.form = form;
        this.realsPerDimension = realsPerDimension;
    }

    public QueryForm form() {
        return form;
    }

    /** Reals in one embedding row for a model of dimension {@code dim}. */
    public int width(int dim) {
        return dim * realsPerDimension;
    }
}
