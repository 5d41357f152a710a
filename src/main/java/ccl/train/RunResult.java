package ccl.train;

import java.util.List;
import java.util.Map;

/**
 * What a run gives back, before any file: the test numbers of the model with the lowest validation loss
 * (accuracy null for the autoencoder; both null when no epoch was validated), the epoch they come from
 * (counted from 1; 0 when none), the per-epoch history, and how the run ended.
 *
 * @param divergedAtStep the training step (from 0) whose loss was not finite, or null
 */
public record RunResult(Status status, Double testAcc, Double testLoss, int bestEpoch, Double bestValLoss,
                        int epochs, long steps, Long divergedAtStep, double seconds,
                        List<Map<String, Object>> history) {
    public enum Status {
        /** Trained to the end (or to its step limit) and tested. */
        FINISHED,
        /** The loss became non-finite; tested if an earlier epoch was validated. */
        DIVERGED,
        /** Stopped at a step boundary on request; a checkpoint holds where it stood. */
        INTERRUPTED
    }

    public RunResult {
        history = List.copyOf(history);
    }

    /** Whether there is a tested model: not for an interrupted run, nor for one that diverged before validating. */
    public boolean tested() {
        return testLoss != null;
    }
}
