package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ccl.nn.Ops;
import ccl.nn.Param;
import java.util.List;
import java.util.stream.IntStream;

/** Gradient edits between backward and the optimizer step, all done by the engine without copies to Java. */
public final class Gradients {
    private Gradients() {
    }

    /**
     * Gradient centralization ({@code GradC: 1}): every non-bias 2-D or 4-D gradient minus its mean over
     * all axes but the first, as the reference's {@code gradient_centralization}.
     */
    public static void centralize(List<Param> params) {
        for (Param p : params) {
            NDArray g = p.grad();
            int dims = g.getShape().dimension();
            if (p.isBias() || (dims != 2 && dims != 4)) {
                continue;
            }
            int[] axes = IntStream.range(1, dims).toArray();
            g.subi(Ops.mean(g, axes));
        }
    }

    /**
     * {@code torch.nn.utils.clip_grad_norm_}: scales every gradient by min(1, max/(‖g‖ + 1e-6)) where
     * ‖g‖ is the global 2-norm over all of {@code params}, computed as PyTorch does: the norm of the
     * per-tensor norms (no overflow from summing squares). DJL's clipGrad clips element-wise, so this is ours.
     */
    public static void clipGlobalNorm(List<Param> params, double maxNorm) {
        if (params.isEmpty()) {
            return;
        }
        NDList norms = new NDList();
        for (Param p : params) {
            norms.add(p.grad().norm().reshape(1));
        }
        NDArray total = NDArrays.concat(norms).norm();
        NDArray coef = total.add(1e-6f).pow(-1).mul(maxNorm).minimum(1f);
        // PyTorch multiplies by the clamped coefficient even when it is 1; skipping that pass changes no bit.
        if (coef.toArray()[0].doubleValue() == 1.0) {
            return;
        }
        for (Param p : params) {
            p.grad().muli(coef);
        }
    }

    /**
     * Zeroes every gradient in place, as PyTorch's {@code grad.zero_()}: {@code g - g} (DJL's own way)
     * would keep a NaN or infinity from one step in the next.
     */
    public static void zero(List<Param> params) {
        for (Param p : params) {
            JniUtils.zeroGrad((PtNDArray) p.value());
        }
    }
}
