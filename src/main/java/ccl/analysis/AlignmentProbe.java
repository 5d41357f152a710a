package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ccl.data.Batches;
import ccl.learn.Backprop;
import ccl.learn.LearningRule;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Each epoch's {@code weight_angle} and {@code update_angle} per layer ({@link Alignment}), the update
 * angles on one fixed batch of validation samples (training samples when nothing is held out), the
 * same every epoch.
 */
public final class AlignmentProbe implements TrainingListener {
    private NDArray x;
    private NDArray target;
    private LearningRule backprop;

    @Override
    public void onFitStart(TrainingState state) {
        TrainingState.Data data = state.data();
        int[] from = data.validationIndices().length > 0 ? data.validationIndices() : data.trainIndices();
        int n = Math.min(state.config().getInt("batchsize"), from.length);
        Batches.Batch probe = data.validation().assemble(from, 0, n, new SplittableRandom(0));
        // Copies in engine memory: the batch's buffer is Java's and would be reused.
        x = probe.images(state.manager(), state.model().flatInput()).duplicate();
        target = probe.targets(state.manager()).duplicate();
        backprop = new Backprop(state.config().isAutoencoder());
    }

    @Override
    public void collectMetrics(TrainingState state, Map<String, Object> record) {
        record.put("weight_angle", Alignment.weightAngles(state.model(), state.rule()));
        record.put("update_angle", Alignment.updateAngles(state.model(), state.rule(), backprop, x, target));
    }
}
