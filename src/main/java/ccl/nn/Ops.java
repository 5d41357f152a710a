package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Engine operations DJL's PyTorch binding lacks, and scalar arithmetic that is safe inside a gradient tape. */
public final class Ops {
    private Ops() {
    }

    /** Mean over several axes, keeping them (DJL's PyTorch {@code mean} takes one axis only). */
    public static NDArray mean(NDArray x, int... axes) {
        long count = 1;
        for (int a : axes) {
            count *= x.getShape().get(a);
        }
        return div(x.sum(axes, true), count);
    }

    /**
     * {@code x · v} with v held by the engine. DJL's {@code mul(Number)} wraps the number's Java buffer
     * without copying and drops it when the call returns, while autograd keeps that tensor for the
     * backward pass: after a garbage collection the backward pass read freed memory, and about one
     * process in ten trained differently (or to NaN) from the same seed. Use this for any tensor on the tape.
     */
    public static NDArray mul(NDArray x, float v) {
        return x.mul(scalar(x, v));
    }

    /** {@code x / v} with v held by the engine; see {@link #mul}. */
    public static NDArray div(NDArray x, float v) {
        return x.div(scalar(x, v));
    }

    /** A 0-dimensional tensor of x's type in engine memory (PyTorch's full), in x's manager. */
    public static NDArray scalar(NDArray x, float v) {
        return x.getManager().full(new Shape(), v, x.getDataType());
    }
}
