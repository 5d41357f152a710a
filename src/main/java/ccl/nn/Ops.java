package ccl.nn;

import ai.djl.ndarray.NDArray;

/** Engine operations DJL's PyTorch binding lacks. */
public final class Ops {
    private Ops() {
    }

    /** Mean over several axes, keeping them (DJL's PyTorch {@code mean} takes one axis only). */
    public static NDArray mean(NDArray x, int... axes) {
        long count = 1;
        for (int a : axes) {
            count *= x.getShape().get(a);
        }
        return x.sum(axes, true).div(count);
    }
}
