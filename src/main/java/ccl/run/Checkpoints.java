package ccl.run;

import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code checkpoint.npz}: the run's whole state after every epoch and when it is stopped (only the latest
 * is kept; each write replaces the last atomically), so that {@code ccl train --resume} continues exactly.
 */
public final class Checkpoints implements TrainingListener {
    private final Path file;

    public Checkpoints(Path file) {
        this.file = file;
    }

    @Override
    public void onEpochEnd(TrainingState state, Map<String, Object> record) {
        state.writeCheckpoint(file);
    }

    @Override
    public void onInterrupt(TrainingState state) {
        state.writeCheckpoint(file);
    }
}
