package ccl.run;

import ccl.nn.Weights;
import ccl.train.RunResult;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.nio.file.Path;
import java.util.Map;

/** {@code best.npz} whenever an epoch becomes the best, and the tested model to {@code --save-weights} at the end. */
public final class WeightsFiles implements TrainingListener {
    private final Path best;
    private final Path saveTo;

    /** {@code saveTo}: the extra copy of the tested weights, or null. */
    public WeightsFiles(Path best, Path saveTo) {
        this.best = best;
        this.saveTo = saveTo;
    }

    @Override
    public void onEpochEnd(TrainingState state, Map<String, Object> record) {
        if (state.isNewBest()) {
            Weights.write(best, state.best().weights());
        }
    }

    @Override
    public void onFitEnd(TrainingState state, RunResult result) {
        if (saveTo != null && result.tested()) {
            Weights.write(saveTo, state.model().state());
        }
    }
}
