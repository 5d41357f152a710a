package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Orthogonal initialization ({@code nn.init.orthogonal_}) on the engine. The weight, flattened to
 * rows × rest, becomes the orthogonal polar factor Q = X·(XᵀX)^(−1/2) of a Gaussian matrix X of that
 * shape (taken tall), which is Haar-distributed like PyTorch's sign-corrected QR factor. The inverse
 * square root of the small Gram matrix comes from the coupled Newton–Schulz iteration, which needs only
 * matrix products (DJL's PyTorch binding exposes no QR or eigendecomposition); scaling the Gram matrix
 * by its largest eigenvalue first keeps that to a few iterations.
 */
final class Orthogonal {
    private static final int MAX_ITERATIONS = 60;
    private static final float TOLERANCE = 1e-5f;

    private Orthogonal() {
    }

    /** Overwrites {@code w} in place with an orthogonal matrix of its shape (orthonormal rows or columns). */
    static void init(NDArray w) {
        NDManager m = w.getManager();
        long rows = w.getShape().get(0);
        long cols = w.getShape().size() / rows;
        boolean wide = rows < cols;
        NDArray x = m.randomNormal(new Shape(rows, cols));
        if (wide) {
            x = x.transpose();
        }
        NDArray gram = x.transpose().matMul(x);
        float scale = largestEigenvalue(gram) * 1.05f; // eigenvalues of gram/scale then lie in (0, 1)
        NDArray y = gram.div(scale);
        NDArray eye = m.eye((int) gram.getShape().get(0));
        NDArray z = eye;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            NDArray t = eye.mul(3f).sub(z.matMul(y)).mul(0.5f);
            y = y.matMul(t);
            z = t.matMul(z);
            if (t.sub(eye).abs().max().getFloat() < TOLERANCE) {
                break;
            }
        }
        NDArray q = x.matMul(z).div((float) Math.sqrt(scale));
        if (wide) {
            q = q.transpose();
        }
        w.set(new NDIndex("..."), q.reshape(w.getShape()));
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
