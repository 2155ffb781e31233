// Strata's CUDA kernels for training and scoring embedding models. Compiled at start-up by NVRTC
// (CudaEngine); every kernel mirrors one method of org.strata.gpu.engine.Engine and the per-row
// arithmetic of org.strata.gpu.engine.cpu.Kernels. Matrices are row-major; form codes follow
// QueryForm: 0 PRODUCT (DistMult), 1 COMPLEX (rows hold [re | im]), 2 SUM (TransE).
//
// Launch shapes: element-wise kernels use a grid-stride loop; row kernels (softmax_ce, row_sums,
// n3_rows, row_sq_norms) use one block of BLOCK threads per row; add_sum runs as a single block.

#define BLOCK 256
#define NEG_INF __int_as_float(0xff800000)

typedef long long i64;

__device__ float block_max(float v, float* shared) {
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, o));
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) shared[warp] = v;
    __syncthreads();
    if (warp == 0) {
        v = lane < (blockDim.x >> 5) ? shared[lane] : NEG_INF;
        for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, o));
        if (lane == 0) shared[0] = v;
    }
    __syncthreads();
    float r = shared[0];
    __syncthreads();
    return r;
}

__device__ double block_sum(double v, double* shared) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) shared[warp] = v;
    __syncthreads();
    if (warp == 0) {
        v = lane < (blockDim.x >> 5) ? shared[lane] : 0.0;
        for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
        if (lane == 0) shared[0] = v;
    }
    __syncthreads();
    double r = shared[0];
    __syncthreads();
    return r;
}

extern "C" __global__ void gather_rows(const float* src, const int* index, int n, int w, float* dst) {
    i64 total = (i64) n * w;
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < total; e += (i64) gridDim.x * blockDim.x) {
        i64 i = e / w;
        int c = (int) (e - i * w);
        dst[e] = src[(i64) index[i] * w + c];
    }
}

extern "C" __global__ void scatter_add_rows(const float* rows, const int* index, int n, int w, float* dst) {
    i64 total = (i64) n * w;
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < total; e += (i64) gridDim.x * blockDim.x) {
        i64 i = e / w;
        int c = (int) (e - i * w);
        atomicAdd(&dst[(i64) index[i] * w + c], rows[e]);
    }
}

extern "C" __global__ void combine(int form, const float* h, const float* r, int n, int w, float* q) {
    int k = form == 1 ? w / 2 : w;
    i64 total = (i64) n * k;
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < total; e += (i64) gridDim.x * blockDim.x) {
        i64 i = e / k;
        int c = (int) (e - i * k);
        i64 o = i * w + c;
        if (form == 0) {
            q[o] = h[o] * r[o];
        } else if (form == 2) {
            q[o] = h[o] + r[o];
        } else {
            float hr = h[o], hi = h[o + k], rr = r[o], ri = r[o + k];
            q[o] = hr * rr - hi * ri;
            q[o + k] = hr * ri + hi * rr;
        }
    }
}

extern "C" __global__ void combine_backward(int form, const float* h, const float* r, const float* g, int n, int w,
                                            float* dh, float* dr) {
    int k = form == 1 ? w / 2 : w;
    i64 total = (i64) n * k;
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < total; e += (i64) gridDim.x * blockDim.x) {
        i64 i = e / k;
        int c = (int) (e - i * k);
        i64 o = i * w + c;
        if (form == 0) {
            dh[o] = g[o] * r[o];
            dr[o] = g[o] * h[o];
        } else if (form == 2) {
            dh[o] = g[o];
            dr[o] = g[o];
        } else {
            float hr = h[o], hi = h[o + k], rr = r[o], ri = r[o + k], gr = g[o], gi = g[o + k];
            dh[o] = gr * rr + gi * ri;
            dh[o + k] = -gr * ri + gi * rr;
            dr[o] = gr * hr + gi * hi;
            dr[o + k] = -gr * hi + gi * hr;
        }
    }
}

// out[i] = |x[i]|², one block per row.
extern "C" __global__ void row_sq_norms(const float* x, int rows, int w, float* out) {
    __shared__ double shared[32];
    for (int i = blockIdx.x; i < rows; i += gridDim.x) {
        double s = 0;
        for (int c = threadIdx.x; c < w; c += blockDim.x) {
            float v = x[(i64) i * w + c];
            s += v * v;
        }
        s = block_sum(s, shared);
        if (threadIdx.x == 0) out[i] = (float) s;
    }
}

// s[i][j] -= qn[i] + en[j]
extern "C" __global__ void subtract_sq_norms(float* s, const float* qn, const float* en, int n, int m) {
    i64 total = (i64) n * m;
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < total; e += (i64) gridDim.x * blockDim.x) {
        i64 i = e / m;
        int j = (int) (e - i * m);
        s[e] -= qn[i] + en[j];
    }
}

// out[i] = Σⱼ g[i][j], one block per row.
extern "C" __global__ void row_sums(const float* g, int n, int m, float* out) {
    __shared__ double shared[32];
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        double s = 0;
        for (int j = threadIdx.x; j < m; j += blockDim.x) s += g[(i64) i * m + j];
        s = block_sum(s, shared);
        if (threadIdx.x == 0) out[i] = (float) s;
    }
}

// out[j] = Σᵢ g[i][j] over the first n rows, one thread per column (reads are coalesced across j).
extern "C" __global__ void col_sums(const float* g, int n, int m, float* out) {
    for (int j = blockIdx.x * blockDim.x + threadIdx.x; j < m; j += gridDim.x * blockDim.x) {
        double s = 0;
        for (int i = 0; i < n; i++) s += g[(i64) i * m + j];
        out[j] = (float) s;
    }
}

// d[i][c] -= 2 f[i] x[i][c]
extern "C" __global__ void subtract_scaled_rows(const float* x, const float* f, int rows, int w, float* d) {
    i64 total = (i64) rows * w;
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < total; e += (i64) gridDim.x * blockDim.x) {
        i64 i = e / w;
        d[e] -= 2.0f * f[i] * x[e];
    }
}

// One block per row: loss[i] = logsumexp(s[i]) - s[i][t]; s[i] becomes scale · (softmax(s[i]) − onehot(t)).
extern "C" __global__ void softmax_ce(float* s, const int* targets, int n, int m, float scale, float* loss) {
    __shared__ float fshared[32];
    __shared__ double dshared[32];
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        float* row = s + (i64) i * m;
        int t = targets[i];
        float mx = NEG_INF;
        for (int j = threadIdx.x; j < m; j += blockDim.x) mx = fmaxf(mx, row[j]);
        mx = block_max(mx, fshared);
        float target0 = row[t];
        __syncthreads();
        double sum = 0;
        for (int j = threadIdx.x; j < m; j += blockDim.x) {
            float e = expf(row[j] - mx);
            row[j] = e;
            sum += e;
        }
        sum = block_sum(sum, dshared);
        float inv = (float) (scale / sum);
        for (int j = threadIdx.x; j < m; j += blockDim.x) row[j] *= inv;
        __syncthreads();
        if (threadIdx.x == 0) {
            row[t] -= scale;
            loss[i] = (float) (log(sum) - (double) (target0 - mx));
        }
        __syncthreads();
    }
}

// One block per listed row: sums[i] = Σ |x|³ of row index[i] (the modulus of each complex coordinate when
// form is 1); grad[index[i]] += weight · d/dx. Listed rows may repeat, so the gradient is added atomically.
extern "C" __global__ void n3_rows(int form, const float* p, const int* index, int n, int w, float weight,
                                   float* grad, float* sums) {
    __shared__ double shared[32];
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        i64 off = (i64) index[i] * w;
        double s = 0;
        if (form == 1) {
            int k = w / 2;
            for (int c = threadIdx.x; c < k; c += blockDim.x) {
                float re = p[off + c], im = p[off + k + c];
                float mod = sqrtf(re * re + im * im);
                s += (double) mod * mod * mod;
                atomicAdd(&grad[off + c], weight * 3 * mod * re);
                atomicAdd(&grad[off + k + c], weight * 3 * mod * im);
            }
        } else {
            for (int c = threadIdx.x; c < w; c += blockDim.x) {
                float x = p[off + c];
                float a = fabsf(x);
                s += (double) a * a * a;
                atomicAdd(&grad[off + c], weight * 3 * a * x);
            }
        }
        s = block_sum(s, shared);
        if (threadIdx.x == 0) sums[i] = (float) s;
    }
}

// sums[slot] += Σ x[0..n), by one block, so the additions always happen in the same order.
extern "C" __global__ void add_sum(const float* x, int n, double* sums, int slot) {
    __shared__ double shared[32];
    double s = 0;
    for (int i = threadIdx.x; i < n; i += blockDim.x) s += x[i];
    s = block_sum(s, shared);
    if (threadIdx.x == 0) sums[slot] += s;
}

extern "C" __global__ void adagrad(float* p, const float* g, float* state, i64 size, float lr, float eps) {
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < size; e += (i64) gridDim.x * blockDim.x) {
        float gi = g[e];
        float st = state[e] + gi * gi;
        state[e] = st;
        p[e] -= lr * gi / (sqrtf(st) + eps);
    }
}

extern "C" __global__ void adam(float* p, const float* g, float* m, float* v, i64 size, float lr, float beta1,
                                float beta2, float eps, float c1, float c2) {
    for (i64 e = blockIdx.x * (i64) blockDim.x + threadIdx.x; e < size; e += (i64) gridDim.x * blockDim.x) {
        float gi = g[e];
        float me = beta1 * m[e] + (1 - beta1) * gi;
        float ve = beta2 * v[e] + (1 - beta2) * gi * gi;
        m[e] = me;
        v[e] = ve;
        p[e] -= lr * (me / c1) / (sqrtf(ve / c2) + eps);
    }
}
