package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import java.util.List;

/**
 * How a dual model learns from one batch. The training loop opens the gradient tape, calls
 * {@link #loss}, applies the warm-up factor, runs backward, and then centralizes, clips and steps
 * only the parameters of {@link #trained}. Adding a rule (FA, DFA, DRTP, DTP, ...) is one class and
 * one line in {@link LearningRules}.
 */
public interface LearningRule {
    /** The config's {@code method} value. */
    String name();

    /** The scalar step loss; {@code labels} are int64 class indices, the model is in training mode. */
    NDArray loss(DualModel model, NDArray x, NDArray labels);

    /**
     * The parameters that receive a gradient from {@link #loss}. The others are what PyTorch calls
     * parameters without a gradient: SGD (weight decay included), centralization and clipping skip them.
     */
    List<Param> trained(DualModel model);
}
