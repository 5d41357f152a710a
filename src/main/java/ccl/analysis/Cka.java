package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Linear centred kernel alignment (Kornblith et al. 2019) between two sets of features of the same n
 * samples, each flattened to a vector: with column-centred X (n×p) and Y (n×q),
 * {@code ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F)}, or in Gram form {@code HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L))}
 * with K = XXᵀ, L = YYᵀ, centred; the two are equal, and the smaller of n and p decides which is computed.
 * The biased estimator, in double precision.
 */
public final class Cka {
    private Cka() {
    }

    public static double linear(NDArray x, NDArray y) {
        NDArray a = centred(x);
        NDArray b = centred(y);
        long n = a.getShape().get(0);
        return n < Math.max(a.getShape().get(1), b.getShape().get(1)) ? gram(a, b) : features(a, b);
    }

    /**
     * The Gram matrix of the centred features (n × n, float64), which is all CKA needs of a feature set: a
     * probe computes one per activation and frees the features at once (a CNN's first layer is 32,768
     * values per sample).
     */
    public static NDArray centredGram(NDArray x) {
        try (ai.djl.ndarray.NDScope ignored = new ai.djl.ndarray.NDScope()) {
            NDArray a = centred(x);
            NDArray k = a.matMul(a.transpose());
            ai.djl.ndarray.NDScope.unregister(k);
            return k;
        }
    }

    /** CKA from two centred Grams ({@link #centredGram}). */
    public static double fromGrams(NDArray k, NDArray l) {
        double kl = k.mul(l).sum().getDouble();
        return kl / Math.sqrt(k.mul(k).sum().getDouble() * l.mul(l).sum().getDouble());
    }

    /** The feature form, on centred inputs. */
    static double features(NDArray a, NDArray b) {
        double cross = square(b.transpose().matMul(a));
        return cross / Math.sqrt(square(a.transpose().matMul(a)) * square(b.transpose().matMul(b)));
    }

    /** The Gram form, on centred inputs (so the Grams are centred too). */
    static double gram(NDArray a, NDArray b) {
        return fromGrams(a.matMul(a.transpose()), b.matMul(b.transpose()));
    }

    /** Flattened per sample, in float64, each column minus its mean. */
    static NDArray centred(NDArray x) {
        NDArray flat = x.reshape(x.getShape().get(0), -1).toType(DataType.FLOAT64, false);
        return flat.sub(flat.mean(new int[] {0}, true));
    }

    private static double square(NDArray m) {
        return m.mul(m).sum().getDouble();
    }
}
