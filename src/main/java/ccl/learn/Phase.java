package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import java.util.List;

/**
 * One part of a training step: a loss whose gradient updates {@code trained}, run {@code repeats} times
 * in a row (target propagation's feedback iterations: a fresh forward pass, and fresh noise, each time).
 * The loop runs each repeat as its own tape, backward pass, centralization, clipping per network and
 * optimizer step, so a later phase sees the parameters an earlier one updated.
 */
public record Phase(String name, Loss loss, List<Param> trained, int repeats) {
    /** A scalar loss of the model on one batch, the model in training mode (see {@link LearningRule#loss}). */
    @FunctionalInterface
    public interface Loss {
        NDArray compute(DualModel model, NDArray x, NDArray target);
    }

    public Phase {
        trained = List.copyOf(trained);
        if (repeats < 1) {
            throw new IllegalArgumentException("phase '" + name + "' must run at least once, not " + repeats + " times");
        }
    }

    /** A phase run once. */
    public static Phase once(String name, Loss loss, List<Param> trained) {
        return new Phase(name, loss, trained, 1);
    }
}
