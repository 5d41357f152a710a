package ccl.nn;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One direction of a dual layer (its {@code forward_layer} or its {@code backward_layer}): an optional
 * reshaping step (the feedback conv's x2 upsampling), the weighted map, BatchNorm by mode (1 before
 * the map, 2 after it), then the activation. With {@code act} false only the reshaping step and the
 * bare map run, as the reference does for the last map in each direction.
 */
final class Direction {
    /** The weighted map: linear or convolution, with an optional bias. */
    @FunctionalInterface
    interface Map2 {
        NDArray apply(NDArray x, NDArray weight, NDArray bias);
    }

    private final Param weight;
    private final Param bias;
    private final Map2 map;
    private final UnaryOperator<NDArray> before;
    private final int bnMode;
    private final BatchNorm bn;
    private final ActivationFn activation;

    Direction(Param weight, Param bias, Map2 map, UnaryOperator<NDArray> before, int bnMode, BatchNorm bn,
              ActivationFn activation) {
        this.weight = weight;
        this.bias = bias;
        this.map = map;
        this.before = before;
        this.bnMode = bnMode;
        this.bn = bn;
        this.activation = activation;
    }

    /** {@code feedback}: a tensor shaped like the weight that carries the gradient to the input instead, or null. */
    NDArray apply(NDArray x, boolean detach, boolean act, boolean training, NDArray feedback) {
        NDArray h = detach ? x.stopGradient() : x;
        if (before != null) {
            h = before.apply(h);
        }
        if (!act) {
            return affine(h, feedback);
        }
        if (bnMode == 1) {
            h = bn.apply(h, training);
        }
        h = affine(h, feedback);
        if (bnMode == 2) {
            h = bn.apply(h, training);
        }
        return activation.apply(h);
    }

    private NDArray affine(NDArray h, NDArray feedback) {
        if (feedback == null) {
            return map.apply(h, weight.value(), bias == null ? null : bias.value());
        }
        // The weight sees a detached input, so its gradient is the usual one; the second map has an input
        // that is exactly zero (h − h) and no bias, so it adds nothing to the value while its gradient
        // carries the error to h through the feedback weights.
        NDArray out = map.apply(h.stopGradient(), weight.value(), bias == null ? null : bias.value());
        return out.add(map.apply(h.sub(h.stopGradient()), feedback, null));
    }

    Param weight() { return weight; }

    Param bias() { return bias; }

    Map<String, NDArray> mapState() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        state.put(weight.name(), weight.value());
        if (bias != null) {
            state.put(bias.name(), bias.value());
        }
        return state;
    }

    Map<String, NDArray> bnState() {
        return bn == null ? Map.of() : bn.state();
    }
}
