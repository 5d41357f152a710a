package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.Param;
import java.util.List;
import java.util.Map;

/**
 * How a dual model learns from one batch. The training loop opens the gradient tape, calls
 * {@link #loss}, applies the warm-up factor, runs backward, and then centralizes, clips and steps
 * only the parameters of {@link #trained}. Adding a rule (FA, DFA, DRTP, DTP, ...) is one class and
 * one line in {@link LearningRules}.
 */
public interface LearningRule {
    /** The config's {@code method} value. */
    String name();

    /**
     * The scalar step loss, the model in training mode. {@code target} holds int64 class indices for
     * classification, the feedback network's target images for the autoencoder.
     */
    NDArray loss(DualModel model, NDArray x, NDArray target);

    /**
     * The parameters that receive a gradient from {@link #loss}. The others are what PyTorch calls
     * parameters without a gradient: SGD (weight decay included), centralization and clipping skip them.
     */
    List<Param> trained(DualModel model);

    /**
     * Tensors the rule owns and keeps across steps (DFA's and DRTP's fixed projections, frSF's magnitudes),
     * by name: checkpointed with the run and given back by {@link #loadState} when it resumes.
     */
    default Map<String, NDArray> state() {
        return Map.of();
    }

    /** Takes back the tensors of {@link #state}; they belong to the run's manager, outside every step scope. */
    default void loadState(Map<String, NDArray> saved) {
    }

    /** What an autoencoder's reconstruction is measured against: the target image (BP's: the input). */
    default NDArray evaluationTarget(NDArray x, NDArray target) {
        return target;
    }

    /**
     * The weights through which this rule's feedback reaches each layer, for the alignment metrics: the
     * dual layer's {@code backward_layer} unless the rule says otherwise; null when the feedback bypasses
     * the layers (DFA, DRTP), so there is nothing layer-wise to compare with the forward weights.
     */
    default FeedbackWeights feedbackWeights() {
        return FeedbackWeights.FEEDBACK_LAYER;
    }
}
