package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;

/**
 * One depth of a dual model: a forward map (input side to output side) and a feedback map the other
 * way. With {@code detach} the input is cut from the graph (stop-gradient), which is what makes every
 * CCL loss local. With {@code act} false only the bare linear/conv map runs, as the reference does for
 * the last map in each direction. With {@code feedback} (else null) the forward map's output keeps its
 * value but its gradient reaches the input through those weights instead of the forward weight.
 */
public interface DualLayer {
    NDArray forward(NDArray x, boolean detach, boolean act, boolean training, FeedbackWeights feedback);

    NDArray reverse(NDArray x, boolean detach, boolean act, boolean training);

    /** Trainable parameters of both directions. */
    List<Param> params();

    /** Every tensor of the layer (parameters and buffers) keyed by state-dict name, in PyTorch's order. */
    Map<String, NDArray> state();

    /**
     * The forward map, then the feedback map, for one sample of shape {@code input} (the forward map's
     * input, without the batch axis) at depth {@code stage}; {@code bareForward}/{@code bareBackward}: the
     * map is the last in its direction.
     */
    List<MapInfo> describe(int stage, Shape input, boolean bareForward, boolean bareBackward);
}
