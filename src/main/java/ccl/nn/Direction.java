package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One direction of a dual layer (its {@code forward_layer} or its {@code backward_layer}) as its
 * {@link MapSpec} says: an optional x2 upsampling (the feedback conv's), the weighted map, BatchNorm by
 * mode (1 before the map, 2 after it), then the activation, then the FW-DTP code's standardization (mode 3). With {@code act} false only the upsampling and
 * the bare map run, as the reference does for the last map in each direction.
 */
final class Direction {
    private static final Shape ONE = new Shape(1, 1);

    private final MapSpec spec;
    private final Param weight;
    private final Param bias;
    private final BatchNorm bn;

    Direction(MapSpec spec, Param weight, Param bias, BatchNorm bn) {
        this.spec = spec;
        this.weight = weight;
        this.bias = bias;
        this.bn = bn;
    }

    /** {@code feedback}: a tensor shaped like the weight that carries the gradient to the input instead, or null. */
    NDArray apply(NDArray x, boolean detach, boolean act, boolean training, NDArray feedback) {
        NDArray h = detach ? x.stopGradient() : x;
        if (spec.upsample()) {
            h = DualLayers.upsample(h);
        }
        if (!act) {
            return affine(h, feedback);
        }
        if (spec.norm().mode() == 1) {
            h = bn.apply(h, training);
        }
        h = affine(h, feedback);
        if (spec.norm().mode() == 2) {
            h = bn.apply(h, training);
        }
        h = spec.activation().apply(h);
        return spec.norm().mode() == 3 ? BatchStandardize.apply(h) : h;
    }

    private NDArray affine(NDArray h, NDArray feedback) {
        if (feedback == null) {
            return map(h, weight.value(), bias == null ? null : bias.value());
        }
        // The weight sees a detached input, so its gradient is the usual one; the second map has an input
        // that is exactly zero (h − h) and no bias, so it adds nothing to the value while its gradient
        // carries the error to h through the feedback weights.
        NDArray out = map(h.stopGradient(), weight.value(), bias == null ? null : bias.value());
        return out.add(map(h.sub(h.stopGradient()), feedback, null));
    }

    private NDArray map(NDArray h, NDArray w, NDArray b) {
        if (spec.op() == MapSpec.Op.LINEAR) {
            return Linear.linear(h, w).singletonOrThrow();
        }
        Shape stride = new Shape(spec.stride(), spec.stride());
        return Conv2d.conv2d(h, w, b, stride, ONE, ONE, 1).singletonOrThrow();
    }

    MapSpec spec() { return spec; }

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
