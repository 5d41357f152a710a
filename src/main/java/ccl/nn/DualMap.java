package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dual layer with weights in both directions: the reference's C2Linear, C2Conv and C2ConvStride1. */
public final class DualMap implements DualLayer {
    private final Direction forward;
    private final Direction backward;

    DualMap(Direction forward, Direction backward) {
        this.forward = forward;
        this.backward = backward;
    }

    @Override
    public NDArray forward(NDArray x, boolean detach, boolean act, boolean training, FeedbackWeights feedback) {
        return forward.apply(x, detach, act, training,
                feedback == null ? null : feedback.of(forward.weight(), backward.weight()));
    }

    @Override
    public NDArray reverse(NDArray x, boolean detach, boolean act, boolean training) {
        return backward.apply(x, detach, act, training, null);
    }

    /** The forward map's weight ({@code forward_layer.weight}). */
    public Param forwardWeight() { return forward.weight(); }

    /** The feedback map's weight ({@code backward_layer.weight}). */
    public Param backwardWeight() { return backward.weight(); }

    @Override
    public List<Param> params() {
        List<Param> params = new ArrayList<>();
        for (Direction d : List.of(forward, backward)) {
            params.add(d.weight());
            if (d.bias() != null) {
                params.add(d.bias());
            }
        }
        return params;
    }

    @Override
    public List<MapInfo> describe(int stage, Shape input, boolean bareForward, boolean bareBackward) {
        Shape hidden = forward.spec().outputShape(input);
        return List.of(info(forward, stage, Side.FORWARD, input, hidden, bareForward),
                info(backward, stage, Side.BACKWARD, hidden, backward.spec().outputShape(hidden), bareBackward));
    }

    private static MapInfo info(Direction d, int stage, Side side, Shape in, Shape out, boolean bare) {
        String name = d.weight().name().substring(0, d.weight().name().length() - ".weight".length());
        String op = d.spec().op() == MapSpec.Op.LINEAR ? "linear" : "conv3x3";
        return new MapInfo(stage, name, side, op, in, out, d.spec(), bare);
    }

    /** PyTorch's order: forward_layer, backward_layer, then forward_bn, backward_bn. */
    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>(forward.mapState());
        state.putAll(backward.mapState());
        state.putAll(forward.bnState());
        state.putAll(backward.bnState());
        return state;
    }
}
