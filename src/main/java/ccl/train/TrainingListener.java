package ccl.train;

import java.util.Map;

/**
 * Hooks into the training loop (as PyTorch Lightning's callbacks): metrics files, the progress bar,
 * probes, checkpoints. Listeners are called in list order and read the loop's {@link TrainingState};
 * the loop itself knows no listener. A probe adds its numbers to an epoch's record in
 * {@link #collectMetrics}; everything else only observes.
 */
public interface TrainingListener {
    /** Once, before the first step (also when a run resumes; {@code state.completedEpochs()} says where). */
    default void onFitStart(TrainingState state) {
    }

    /** Before an epoch's first step; {@code batches} is how many it will run at most. */
    default void onEpochStart(TrainingState state, int batches) {
    }

    /** After every training step with its loss (after the warm-up factor) and batch size. */
    default void onStepEnd(TrainingState state, float loss, int samples) {
    }

    /** After validation: add this listener's numbers to the epoch's record (alignment angles, memory...). */
    default void collectMetrics(TrainingState state, Map<String, Object> record) {
    }

    /**
     * After an epoch, once its record is in the history and the best model is updated; the state is
     * complete, so this is where a checkpoint can be written.
     */
    default void onEpochEnd(TrainingState state, Map<String, Object> record) {
    }

    /** The loop stopped at a step boundary because a stop was requested (SIGINT, SIGTERM, a listener). */
    default void onInterrupt(TrainingState state) {
    }

    /** Once, after testing (not after an interruption), with the model of the best epoch loaded. */
    default void onFitEnd(TrainingState state, RunResult result) {
    }
}
