package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's {@code C2Linear}: {@code forward_layer} (in→out) and {@code backward_layer} (out→in),
 * both without bias. BatchNorm mode 1 normalizes the map's input, mode 2 its output.
 */
public final class DualLinear implements DualLayer {
    private final Param forwardWeight;
    private final Param backwardWeight;
    private final int fwBn;
    private final int bwBn;
    private final BatchNorm forwardBn;
    private final BatchNorm backwardBn;
    private final ActivationFn actF;
    private final ActivationFn actB;

    public DualLinear(NDManager manager, String name, int in, int out, LayerOptions opt) {
        // PyTorch's nn.Linear default init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        float fb = (float) (1 / Math.sqrt(in));
        float bb = (float) (1 / Math.sqrt(out));
        forwardWeight = new Param(name + ".forward_layer.weight", Side.FORWARD,
                manager.randomUniform(-fb, fb, new Shape(out, in)));
        backwardWeight = new Param(name + ".backward_layer.weight", Side.BACKWARD,
                manager.randomUniform(-bb, bb, new Shape(in, out)));
        fwBn = opt.fwBn();
        bwBn = opt.bwBn();
        forwardBn = fwBn == 0 ? null
                : new BatchNorm(manager, name + ".forward_bn", fwBn == 1 ? in : out, opt.bnAffine());
        backwardBn = bwBn == 0 ? null
                : new BatchNorm(manager, name + ".backward_bn", bwBn == 1 ? out : in, opt.bnAffine());
        actF = opt.actF();
        actB = opt.actB();
    }

    @Override
    public NDArray forward(NDArray x, boolean detach, boolean act, boolean training) {
        return map(x, detach, act, training, forwardWeight, fwBn, forwardBn, actF);
    }

    @Override
    public NDArray reverse(NDArray x, boolean detach, boolean act, boolean training) {
        return map(x, detach, act, training, backwardWeight, bwBn, backwardBn, actB);
    }

    private static NDArray map(NDArray x, boolean detach, boolean act, boolean training,
                               Param w, int bnMode, BatchNorm bn, ActivationFn fn) {
        NDArray h = detach ? x.stopGradient() : x;
        if (!act) {
            return Linear.linear(h, w.value()).singletonOrThrow();
        }
        if (bnMode == 1) {
            h = bn.apply(h, training);
        }
        h = Linear.linear(h, w.value()).singletonOrThrow();
        if (bnMode == 2) {
            h = bn.apply(h, training);
        }
        return fn.apply(h);
    }

    @Override
    public List<Param> params() {
        return List.of(forwardWeight, backwardWeight);
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        state.put(forwardWeight.name(), forwardWeight.value());
        state.put(backwardWeight.name(), backwardWeight.value());
        if (forwardBn != null) {
            state.putAll(forwardBn.state());
        }
        if (backwardBn != null) {
            state.putAll(backwardBn.state());
        }
        return state;
    }
}
