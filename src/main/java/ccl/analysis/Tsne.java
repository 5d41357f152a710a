package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Exact t-SNE (van der Maaten &amp; Hinton 2008) on the engine, in double precision, as scikit-learn's
 * {@code TSNE(method="exact")} does it: squared Euclidean distances; per point a binary search for the
 * Gaussian's precision that gives the perplexity; symmetric P; Student-t Q; gradient descent with
 * momentum 0.5 then 0.8, early exaggeration 12 for the first 250 iterations, per-coordinate gains
 * (+0.2 / ×0.8, at least 0.01), learning rate max(n / 12 / 4, 50); random start N(0, 1e-4) from {@code seed}.
 */
public final class Tsne {
    /** The 2-D embedding (n × 2) and the KL divergence of P from Q at the end. */
    public record Result(double[][] embedding, double kl) {
    }

    private static final double EXAGGERATION = 12;
    private static final int EXAGGERATED_ITERATIONS = 250;

    private Tsne() {
    }

    public static Result embed(NDArray features, double perplexity, int iterations, long seed) {
        NDManager m = features.getManager();
        NDArray x = features.reshape(features.getShape().get(0), -1).toType(DataType.FLOAT64, false);
        long n = x.getShape().get(0);
        if (n < 3 || perplexity >= n) {
            throw new IllegalArgumentException("t-SNE needs more points (" + n + ") than its perplexity (" + perplexity + ")");
        }
        NDArray p = jointProbabilities(squaredDistances(x), perplexity);
        // Java's generator, not the engine's: a probe must leave the run's random streams as they were.
        java.util.Random rng = new java.util.Random(seed);
        double[] start = new double[(int) (2 * n)];
        for (int i = 0; i < start.length; i++) {
            start[i] = 1e-4 * rng.nextGaussian();
        }
        NDArray[] state = {m.create(start, new Shape(n, 2)), m.zeros(new Shape(n, 2), DataType.FLOAT64),
                m.ones(new Shape(n, 2), DataType.FLOAT64)}; // y, update, gains
        NDScope.unregister(state);
        double lr = Math.max(n / EXAGGERATION / 4, 50);
        NDArray offDiagonal = offDiagonal(m, n);
        for (int it = 0; it < iterations; it++) {
            NDArray[] next;
            // Each iteration's temporaries (n² each) are freed at once; only the new state outlives it.
            try (NDScope ignored = new NDScope()) {
                next = iterate(p, state, offDiagonal, it < EXAGGERATED_ITERATIONS, lr);
                NDScope.unregister(next);
            }
            for (NDArray old : state) {
                old.close();
            }
            state = next;
        }
        NDArray y = state[0];
        state[1].close();
        state[2].close();
        NDArray q = studentT(y, offDiagonal);
        double kl = p.mul(p.maximum(1e-12).div(q.maximum(1e-12)).log()).sum().getDouble();
        double[] flat = y.toDoubleArray();
        y.close();
        double[][] out = new double[(int) n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = flat[2 * i];
            out[i][1] = flat[2 * i + 1];
        }
        return new Result(out, kl);
    }

    /** One step of the descent: the new y, update and gains. */
    private static NDArray[] iterate(NDArray p, NDArray[] state, NDArray offDiagonal, boolean early, double lr) {
        NDArray y = state[0];
        NDArray update = state[1];
        NDArray gains = state[2];
        NDArray grad = gradient(early ? p.mul(EXAGGERATION) : p, y, offDiagonal);
        // Gains grow where the step turned against the gradient's sign, and shrink elsewhere (ties included).
        NDArray grow = update.mul(grad).lt(0).toType(DataType.FLOAT64, false);
        NDArray newGains = gains.add(0.2).mul(grow).add(gains.mul(0.8).mul(grow.neg().add(1))).maximum(0.01);
        NDArray newUpdate = update.mul(early ? 0.5 : 0.8).sub(newGains.mul(grad).mul(lr));
        return new NDArray[] {y.add(newUpdate), newUpdate, newGains};
    }

    /**
     * scikit-learn's {@code trustworthiness}: how well an embedding keeps each point's k nearest neighbours,
     * 1 − 2/(n k (2n − 3k − 1)) Σ_i Σ_{j new among i's k nearest} (rank of j in the original space − k).
     */
    public static double trustworthiness(NDArray features, double[][] embedding, int k) {
        NDManager m = features.getManager();
        int n = embedding.length;
        double[] original = squaredDistances(features.reshape(n, -1).toType(DataType.FLOAT64, false)).toDoubleArray();
        double[] flat = new double[2 * n];
        for (int i = 0; i < n; i++) {
            flat[2 * i] = embedding[i][0];
            flat[2 * i + 1] = embedding[i][1];
        }
        double[] embedded = squaredDistances(m.create(flat, new Shape(n, 2))).toDoubleArray();
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            int[] byOriginal = order(original, i, n);
            int[] rank = new int[n];
            for (int r = 0; r < n; r++) {
                rank[byOriginal[r]] = r; // the point itself has rank 0
            }
            int[] byEmbedded = order(embedded, i, n);
            for (int r = 1; r <= k; r++) {
                penalty += Math.max(0, rank[byEmbedded[r]] - k);
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }

    /** Indices of row i's distances in increasing order, the point itself first. */
    private static int[] order(double[] d, int i, int n) {
        return java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer j) -> j == i ? -1 : d[i * n + j]))
                .mapToInt(Integer::intValue).toArray();
    }

    static NDArray squaredDistances(NDArray x) {
        NDArray sq = x.mul(x).sum(new int[] {1}, true);
        return sq.add(sq.transpose()).sub(x.matMul(x.transpose()).mul(2)).maximum(0);
    }

    /** P_{j|i} with each row's precision found by bisection on its entropy, then (P + Pᵀ) / 2n. */
    static NDArray jointProbabilities(NDArray d, double perplexity) {
        NDManager m = d.getManager();
        long n = d.getShape().get(0);
        NDArray offDiagonal = offDiagonal(m, n);
        double target = Math.log(perplexity);
        double[] beta = new double[(int) n];
        double[] lo = new double[(int) n];
        double[] hi = new double[(int) n];
        java.util.Arrays.fill(beta, 1);
        java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        NDArray cond = null;
        for (int step = 0; step < 100; step++) {
            double[] entropy;
            try (NDScope ignored = new NDScope()) {
                NDArray b = m.create(beta, new Shape(n, 1));
                NDArray e = d.mul(b).neg().exp().mul(offDiagonal);
                NDArray sum = e.sum(new int[] {1}, true).maximum(1e-12);
                if (cond != null) {
                    cond.close();
                }
                cond = e.div(sum);
                NDScope.unregister(cond);
                // Entropy H = log(sum) + beta · Σ d·P (natural log), as in scikit-learn's binary search.
                entropy = sum.log().add(b.mul(d.mul(cond).sum(new int[] {1}, true))).toDoubleArray();
            }
            boolean done = true;
            for (int i = 0; i < n; i++) {
                double diff = entropy[i] - target;
                if (Math.abs(diff) > 1e-5) {
                    done = false;
                    if (diff > 0) {
                        lo[i] = beta[i];
                        beta[i] = hi[i] == Double.POSITIVE_INFINITY ? beta[i] * 2 : (beta[i] + hi[i]) / 2;
                    } else {
                        hi[i] = beta[i];
                        beta[i] = lo[i] == Double.NEGATIVE_INFINITY ? beta[i] / 2 : (beta[i] + lo[i]) / 2;
                    }
                }
            }
            if (done) {
                break;
            }
        }
        NDArray joint = cond.add(cond.transpose()).div(2.0 * n).maximum(1e-12);
        cond.close();
        return joint;
    }

    /** 1 for i ≠ j, 0 on the diagonal. */
    private static NDArray offDiagonal(NDManager m, long n) {
        return m.eye((int) n).toType(DataType.FLOAT64, false).neg().add(1);
    }

    /** The Student-t kernel 1 / (1 + ‖y_i − y_j‖²), zero on the diagonal. */
    private static NDArray kernel(NDArray y, NDArray offDiagonal) {
        return squaredDistances(y).add(1).pow(-1).mul(offDiagonal);
    }

    /** Q_ij ∝ 1 / (1 + ‖y_i − y_j‖²), zero on the diagonal. */
    private static NDArray studentT(NDArray y, NDArray offDiagonal) {
        NDArray num = kernel(y, offDiagonal);
        return num.div(num.sum());
    }

    /** ∂KL/∂y_i = 4 Σ_j (p_ij − q_ij)(y_i − y_j) / (1 + ‖y_i − y_j‖²). */
    private static NDArray gradient(NDArray p, NDArray y, NDArray offDiagonal) {
        NDArray num = kernel(y, offDiagonal);
        NDArray q = num.div(num.sum()).maximum(1e-12);
        NDArray w = p.sub(q).mul(num);
        // Σ_j w_ij (y_i − y_j) = y_i Σ_j w_ij − (W y)_i
        return y.mul(w.sum(new int[] {1}, true)).sub(w.matMul(y)).mul(4);
    }
}
