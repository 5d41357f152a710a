package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Orthogonal initialization ({@code nn.init.orthogonal_}) of a weight flattened to rows × rest, from a
 * Gaussian matrix X of that shape (taken tall) drawn on the engine. Like PyTorch, a near-square X (the
 * long side under {@value #POLAR_ASPECT} times the short one) takes its sign-corrected QR factor,
 * here by Householder reflections in double precision on the host; such an X is ill-conditioned (its
 * smallest singular value approaches 0), and the matrix-product iteration below then fails in float32
 * (a 256×256 weight came out NaN in some draws). An elongated X, well-conditioned (every conv weight of
 * the models: the kernel's 9 taps make it at least 4.5 times as long as wide), takes the orthogonal
 * polar factor Q = X·(XᵀX)^(−1/2), Haar-distributed like the QR factor, on the engine: the inverse square
 * root of the small Gram matrix comes from the coupled Newton–Schulz iteration, which needs only matrix
 * products (DJL's PyTorch binding exposes no QR or eigendecomposition); scaling the Gram matrix by its
 * largest eigenvalue first keeps that to a few iterations.
 */
final class Orthogonal {
    private static final int MAX_ITERATIONS = 60;
    private static final float TOLERANCE = 1e-5f;
    private static final double POLAR_ASPECT = 1.5;

    private Orthogonal() {
    }

    /** Overwrites {@code w} in place with an orthogonal matrix of its shape (orthonormal rows or columns). */
    static void init(NDArray w) {
        // Every intermediate (up to 60 Newton-Schulz steps of n×n products) lives in a manager of its own, freed
        // here: left on the weight's manager, those of the autoencoder's 2048-channel weights held gigabytes
        // for the whole run.
        try (NDManager m = w.getManager().newSubManager()) {
            long rows = w.getShape().get(0);
            long cols = w.getShape().size() / rows;
            boolean wide = rows < cols;
            NDArray x = m.randomNormal(new Shape(rows, cols));
            if (wide) {
                x = x.transpose();
            }
            long tall = Math.max(rows, cols);
            long narrow = Math.min(rows, cols);
            NDArray q = tall < POLAR_ASPECT * narrow ? householderQ(x) : polar(x);
            if (wide) {
                q = q.transpose();
            }
            w.set(new NDIndex("..."), q.reshape(w.getShape()));
        }
    }

    /** Q·diag(sign(diag R)) of X = QR (X tall, m×n), as torch.linalg.qr and orthogonal_ take it. */
    private static NDArray householderQ(NDArray x) {
        int m = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        float[] flat = x.toFloatArray();
        double[][] col = new double[n][m]; // column-major: each reflection updates whole columns
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                col[j][i] = flat[i * n + j];
            }
        }
        double[][] v = new double[n][];
        double[] sign = new double[n];
        for (int k = 0; k < n; k++) {
            double[] a = col[k];
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += a[i] * a[i];
            }
            norm = Math.sqrt(norm);
            double alpha = a[k] > 0 ? -norm : norm; // R_kk; the sign avoids cancellation
            double[] u = new double[m];
            System.arraycopy(a, k, u, k, m - k);
            u[k] -= alpha;
            double un = 0;
            for (int i = k; i < m; i++) {
                un += u[i] * u[i];
            }
            un = Math.sqrt(un);
            if (un > 0) {
                for (int i = k; i < m; i++) {
                    u[i] /= un;
                }
            }
            v[k] = u;
            sign[k] = alpha < 0 ? -1 : 1;
            for (int j = k + 1; j < n; j++) {
                reflect(u, col[j], k);
            }
        }
        // Q's first n columns: H_0 ... H_{n-1} applied to those of the identity, last reflection first.
        float[] out = new float[m * n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(j -> {
            double[] e = new double[m];
            e[j] = 1;
            for (int k = Math.min(j, n - 1); k >= 0; k--) { // H_k leaves e_j alone for k > j
                reflect(v[k], e, k);
            }
            for (int i = 0; i < m; i++) {
                out[i * n + j] = (float) (e[i] * sign[j]);
            }
        });
        return x.getManager().create(out, new Shape(m, n));
    }

    /** a ← (I − 2uuᵀ)a over rows k.. (u is zero above k). */
    private static void reflect(double[] u, double[] a, int k) {
        double s = 0;
        for (int i = k; i < a.length; i++) {
            s += u[i] * a[i];
        }
        s *= 2;
        for (int i = k; i < a.length; i++) {
            a[i] -= s * u[i];
        }
    }

    /** The orthogonal polar factor of a tall, well-conditioned X. */
    private static NDArray polar(NDArray x) {
        NDManager m = x.getManager();
        NDArray gram = x.transpose().matMul(x);
        float scale = largestEigenvalue(gram) * 1.05f; // eigenvalues of gram/scale then lie in (0, 1)
        NDArray y = gram.div(scale);
        NDArray eye = m.eye((int) gram.getShape().get(0));
        NDArray z = eye;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            NDArray nextY;
            NDArray nextZ;
            boolean converged;
            try (NDScope step = new NDScope()) { // each step's temporaries go with it
                NDArray t = eye.mul(3f).sub(z.matMul(y)).mul(0.5f);
                nextY = y.matMul(t);
                nextZ = t.matMul(z);
                converged = t.sub(eye).abs().max().getFloat() < TOLERANCE;
                NDScope.unregister(nextY, nextZ);
            }
            y.close();
            if (z != eye) {
                z.close();
            }
            y = nextY;
            z = nextZ;
            if (converged) {
                break;
            }
        }
        return x.matMul(z).div((float) Math.sqrt(scale));
    }

    /** Power iteration on a symmetric positive-definite matrix; a start near λmax saves Newton–Schulz steps. */
    private static float largestEigenvalue(NDArray a) {
        NDArray v = a.getManager().ones(new Shape(a.getShape().get(0), 1));
        float lambda = 0;
        for (int i = 0; i < 30; i++) {
            NDArray av = a.matMul(v);
            lambda = av.norm().getFloat() / v.norm().getFloat();
            v = av.div(av.norm());
        }
        return lambda;
    }
}
