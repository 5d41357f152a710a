package ccl.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What carries the error from a dual layer's output back to its input in place of the forward weight
 * itself (the weight transport of backprop): a tensor shaped like the forward weight, without gradient.
 * Feedback alignment uses the layer's own {@code backward_layer}, sign symmetry the sign of the forward
 * weight with some magnitude. Null for a layer that takes no feedback (target propagation's first).
 */
@FunctionalInterface
public interface FeedbackWeights {
    NDArray of(Param forwardWeight, Param backwardWeight);

    /** Tensors drawn once and kept (frSF's magnitudes) by forward-weight name, for checkpoints. */
    default Map<String, NDArray> state() {
        return Map.of();
    }

    /** Takes back the tensors of {@link #state}. */
    default void loadState(Map<String, NDArray> saved) {
    }

    /** Backprop's weight transport: the forward weight itself. */
    FeedbackWeights TRANSPORT = (forward, backward) -> forward.value().stopGradient();

    /**
     * The dual layer's {@code backward_layer} weight, transposed to the forward weight's shape (in×out →
     * out×in; for convolutions the two channel axes swap): the matrix CCL trains and FA keeps fixed.
     */
    FeedbackWeights FEEDBACK_LAYER = (forward, backward) -> backward.value().stopGradient().swapAxes(0, 1);
}
