package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ccl.data.Batches;
import ccl.nn.DualModel;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A probe that looks at the model at chosen training steps (0: before the first update, and again at the
 * step a resumed run starts from) on the first test samples, in eval mode inside its own scope, so it
 * changes nothing the run computes; it hands each look's records to the sink.
 */
abstract class StepProbe implements TrainingListener {
    private final Set<Long> steps;
    private final int samples;
    private final Consumer<Map<String, Object>> sink;
    /** The probe's inputs and their targets (int64 labels, or the autoencoder's target images), kept on the engine. */
    NDArray x;
    NDArray targets;

    StepProbe(Set<Long> steps, int samples, Consumer<Map<String, Object>> sink) {
        this.steps = steps;
        this.samples = samples;
        this.sink = sink;
    }

    /** One look at the model at the current step, inside a scope that is closed after it. */
    abstract void look(TrainingState state, DualModel model, Consumer<Map<String, Object>> sink);

    /** Refuses a run the probe does not apply to, before the first step. */
    void check(TrainingState state) {
    }

    @Override
    public void onFitStart(TrainingState state) {
        check(state);
        Batches test = state.data().test();
        int n = Math.min(samples, test.set().size());
        Batches.Batch b = test.assemble(IntStream.range(0, n).toArray(), 0, n, new SplittableRandom(0));
        // Copies in engine memory: the batch's buffer is Java's and would be reused.
        x = b.images(state.manager(), state.model().flatInput()).duplicate();
        targets = b.targets(state.manager()).duplicate();
        lookIfChosen(state);
    }

    @Override
    public void onStepEnd(TrainingState state, float loss, int batch) {
        lookIfChosen(state);
    }

    private void lookIfChosen(TrainingState state) {
        if (!steps.contains(state.globalStep())) {
            return;
        }
        DualModel model = state.model();
        boolean training = model.isTraining();
        model.eval();
        try (NDScope ignored = new NDScope()) {
            look(state, model, sink);
        } finally {
            if (training) {
                model.train();
            }
        }
    }
}
