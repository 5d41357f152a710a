package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.Param;
import java.util.List;
import java.util.Map;

/**
 * How a dual model learns from one batch. A step is a list of {@link #phases}; for every rule shipped
 * today that is one phase: the loop opens the gradient tape, calls {@link #loss}, applies the warm-up
 * factor, runs backward, and then centralizes, clips and steps only the parameters of {@link #trained}.
 * A rule with feedback-only iterations before its forward update, or feedback pre-training epochs
 * (target propagation), overrides {@link #phases} and {@link #pretrainingEpochs}. Adding a rule is one
 * class and one line in {@link LearningRules}.
 */
public interface LearningRule {
    /** The config's {@code method} value. */
    String name();

    /**
     * The scalar loss whose gradient updates the forward network (for a one-phase rule: the whole step),
     * the model in training mode. The alignment probe compares its gradients with backprop's. {@code target} holds int64 class indices for
     * classification, the feedback network's target images for the autoencoder.
     */
    NDArray loss(DualModel model, NDArray x, NDArray target);

    /**
     * The parameters that receive a gradient from {@link #loss}. The others are what PyTorch calls
     * parameters without a gradient: SGD (weight decay included), centralization and clipping skip them.
     */
    List<Param> trained(DualModel model);

    /**
     * The phases of one training step, in order. The default is the one phase of {@link #loss} and
     * {@link #trained}. The parameters a phase trains are stepped by their network's optimizer
     * ({@code optimizer}, {@code lr_F}/{@code lr_B}, ...); a rule's own trainable tensors belong in
     * {@link #state} as well, so checkpoints hold them.
     */
    default List<Phase> phases(DualModel model) {
        return List.of(Phase.once("step", this::loss, trained(model)));
    }

    /**
     * Epochs run before the first training epoch with {@link #pretrainingPhases} instead of
     * {@link #phases} (target propagation trains its feedback weights first). They are counted in the
     * run's epochs and marked {@code "phase": "pretraining"} in its metrics; no best model comes from them.
     */
    default int pretrainingEpochs() {
        return 0;
    }

    default List<Phase> pretrainingPhases(DualModel model) {
        return List.of();
    }

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

    /**
     * Whether the rule cuts every map's input from the graph (CCL, DFA, DRTP): each map's gradient then
     * stops at its own input and no input gradient is computed, which a count of the step's cost needs.
     */
    default boolean detachesLayerInputs() {
        return false;
    }

    /**
     * FLOPs of the rule's own matrix products in one step on a batch (CCL's alignment products and their
     * gradients, DFA's projections), beyond the maps' forward and gradient products, given the feature size
     * at each depth (entry 0 the input). 0 unless the rule has such products.
     */
    default double productFlops(long[] depthSizes, int classes, int batch) {
        return 0;
    }

    /**
     * FLOPs per sample of one step as the rule's published code runs it, where that code computes more than
     * this implementation (the FW-DTP code's identity maps and backward passes through undetached inputs),
     * given the feature size at each depth; NaN where they agree. The paper's Table 2 profiled that code.
     */
    default double publishedCodeFlops(long[] depthSizes) {
        return Double.NaN;
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
