package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.config.Config;
import ccl.data.Batches;
import ccl.data.InputPipelines;
import ccl.data.Prefetcher;
import ccl.data.Split;
import ccl.learn.LearningRule;
import ccl.learn.LearningRules;
import ccl.learn.Losses;
import ccl.nn.DualModel;
import ccl.nn.Models;
import ccl.nn.Weights;
import ccl.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The reference's training loop ({@code main_class_mlp.py}): per epoch, shuffled training batches
 * through {@link TrainingStep}, the cosine schedule step, validation in eval mode; the model with the
 * lowest validation loss is kept and tested at the end. Everything else (files, probes, the progress
 * bar, checkpoints) is a {@link TrainingListener}.
 */
public final class Trainer implements AutoCloseable {
    private final NDManager manager;
    private final TrainingState state;
    private final TrainingStep step;
    private final CosineSchedule scheduleF;
    private final CosineSchedule scheduleB;
    private final long seed;
    private final int batchSize;
    /** Seconds from the JVM's start to the end of this process's first step, until an epoch record takes it. */
    private Double launchToFirstStep;
    private boolean stepped;

    private Trainer(NDManager manager, Config config, RunOptions options, TrainingData data,
                    Function<Config, LearningRule> ruleFactory) {
        this.manager = manager;
        this.seed = config.getInt("seed");
        this.batchSize = config.getInt("batchsize");
        manager.getEngine().setRandomSeed((int) seed);
        InputPipelines pipelines = options.augment() ? data.pipelines() : data.pipelines().withoutAugmentation();
        DualModel model = Models.build(manager, config, data.train().channels(),
                pipelines.train().outputSize(data.train().height()), data.train().numClasses());
        if (options.initWeights() != null) {
            model.load(Weights.read(options.initWeights(), manager), options.initWeights().toString());
        }
        LearningRule rule = ruleFactory.apply(config);
        this.step = new TrainingStep(model, rule, config, manager);
        this.scheduleF = new CosineSchedule(config.getDouble("lr_F"), config.getInt("tmax"), config.getDouble("eta_min"));
        this.scheduleB = new CosineSchedule(config.getDouble("lr_B"), config.getInt("tmax"), config.getDouble("eta_min"));
        int[][] split = Split.trainVal(data.train().size(), options.valFraction(), seed);
        TrainingState.Data batches = new TrainingState.Data(new Batches(data.train(), pipelines.train(), pipelines.task()),
                new Batches(data.train(), pipelines.eval(), pipelines.task()),
                new Batches(data.test(), pipelines.eval(), pipelines.task()), split[0], split[1]);
        this.state = new TrainingState(config, options, model, rule, manager, batches, this, step);
    }

    /**
     * Builds the model (from {@code initWeights} if given), the rule and the optimizers, and splits the
     * data: every check that needs the model is done here, before a run writes anything.
     */
    public static Trainer prepare(NDManager parent, Config config, RunOptions options, TrainingData data) {
        return prepare(parent, config, options, data, LearningRules::create);
    }

    /** As {@link #prepare(NDManager, Config, RunOptions, TrainingData)} with a rule of one's own instead of {@code method}'s. */
    public static Trainer prepare(NDManager parent, Config config, RunOptions options, TrainingData data,
                                  Function<Config, LearningRule> ruleFactory) {
        noGradOnThisThread();
        NDManager manager = parent.newSubManager();
        try {
            return new Trainer(manager, config, options, data, ruleFactory);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public TrainingState state() { return state; }

    /** Puts the run back where {@code file} (written by {@link TrainingState#writeCheckpoint}) left it. */
    public void restore(Path file) {
        Checkpoint.restore(file, state, step);
    }

    void writeCheckpoint(Path file) {
        Checkpoint.write(file, state, step);
    }

    /** Trains from where the state stands to the last epoch, the step limit, divergence or a stop request. */
    public RunResult fit(List<? extends TrainingListener> listeners) {
        noGradOnThisThread();
        state.fitStartNanos = System.nanoTime();
        listeners.forEach(l -> l.onFitStart(state));
        SplittableRandom shuffleRng = new SplittableRandom(seed + 1);
        int[] trainIndices = state.data().trainIndices();
        for (int e = 0; e < state.completedEpochs; e++) {
            Split.shuffled(trainIndices, shuffleRng); // the orders of the epochs already run, drawn again
        }
        while (state.completedEpochs < state.epochs() && state.globalStep() < state.options().maxSteps()) {
            int[] order = state.options().shuffle() ? Split.shuffled(trainIndices, shuffleRng) : trainIndices;
            boolean complete = trainEpoch(order, listeners);
            if (state.divergedAt >= 0) {
                break;
            }
            if (!complete) {
                listeners.forEach(l -> l.onInterrupt(state));
                return result(RunResult.Status.INTERRUPTED, null);
            }
            endEpoch(listeners);
        }
        return finish(listeners);
    }

    /**
     * PyTorch records gradients per thread, and a new thread starts recording: the engine turns that off only
     * on the thread that loaded it, and a gradient tape puts back what it found. A run on another thread (a
     * Spark task, a caller's pool) would then update its weights on the tape and fail ("a leaf Variable that
     * requires grad is being used in an in-place operation"), so every run turns it off on its own thread.
     */
    private static void noGradOnThisThread() {
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** Runs the epoch's remaining steps; false when a stop request or a non-finite loss cut it short. */
    private boolean trainEpoch(int[] order, List<? extends TrainingListener> listeners) {
        // The schedule counts training epochs: pre-training epochs run at the starting rates.
        int epoch = state.completedEpochs;
        int trainingEpoch = Math.max(0, epoch - state.rule().pretrainingEpochs());
        step.forwardOptimizer().setLr(scheduleF.lrAt(trainingEpoch));
        step.backwardOptimizer().setLr(scheduleB.lrAt(trainingEpoch));
        int batches = Math.min(Prefetcher.batchCount(order.length, batchSize), state.options().batchesPerEpoch());
        listeners.forEach(l -> l.onEpochStart(state, batches));
        long t0 = System.nanoTime();
        try (Prefetcher it = new Prefetcher(state.data().train(), order, batchSize, seed * 1_000_003L + epoch,
                state.batchInEpoch)) {
            while (it.hasNext() && state.batchInEpoch < batches && state.globalStep() < state.options().maxSteps()) {
                if (state.stopRequested()) {
                    return false;
                }
                long asked = System.nanoTime();
                Batches.Batch b = it.next();
                long got = System.nanoTime();
                float loss = runStep(b);
                if (!stepped) {
                    stepped = true;
                    launchToFirstStep = (System.currentTimeMillis()
                            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
                }
                it.recycle(b);
                step.timings().add(StepTimings.Part.DATA, got - asked);
                step.timings().addRest(System.nanoTime() - got);
                if (!Float.isFinite(loss)) {
                    state.divergedAt = state.globalStep() - 1;
                    return false;
                }
                state.epochLossSum += loss;
                state.epochSamples += b.n();
                state.batchInEpoch++;
                listeners.forEach(l -> l.onStepEnd(state, loss, b.n()));
            }
        } finally {
            state.epochTrainSeconds += (System.nanoTime() - t0) / 1e9;
        }
        return true;
    }

    private float runStep(Batches.Batch b) {
        if (state.globalStep() > 0) {
            // The engine's generator (brSF's per-batch draws) from the seed and the step alone, so that a
            // resumed run draws what the uninterrupted one would; DJL cannot save the generator's state.
            manager.getEngine().setRandomSeed(new SplittableRandom(seed ^ (state.globalStep() * 0x9E3779B97F4A7C15L)).nextInt());
        }
        DualModel model = state.model();
        try (NDScope ignored = new NDScope()) {
            NDArray x = b.images(manager, model.flatInput());
            return (state.pretraining() ? step.pretrain(x, b.targets(manager), state.batchInEpoch)
                    : step.run(x, b.targets(manager), state.batchInEpoch)).getFloat();
        }
    }

    /** Validates, records the epoch, keeps the best model, and hands the record to the listeners. */
    private void endEpoch(List<? extends TrainingListener> listeners) {
        long t0 = System.nanoTime();
        int[] validation = state.data().validationIndices();
        Evaluation val = validation.length == 0 ? null : evaluate(state.data().validation(), validation);
        boolean pretraining = state.pretraining();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", state.completedEpochs + 1);
        if (state.rule().pretrainingEpochs() > 0) {
            m.put("phase", pretraining ? "pretraining" : "training");
        }
        m.put("train_loss", state.epochLossSum / Math.max(1, state.batchInEpoch));
        m.put("val_loss", val == null ? null : val.loss());
        m.put("val_acc", val == null ? null : val.accuracy());
        m.put("lr_F", step.forwardOptimizer().lr());
        m.put("lr_B", step.backwardOptimizer().lr());
        m.put("steps", state.globalStep());
        m.put("train_seconds", state.epochTrainSeconds);
        m.put("seconds", state.epochTrainSeconds + (System.nanoTime() - t0) / 1e9);
        m.put("samples_per_s", state.epochSamples / state.epochTrainSeconds);
        if (launchToFirstStep != null) {
            // Start-up as a user meets it: the JVM, the engine, the data and the model, to the first step's end.
            m.put("launch_to_first_step_s", launchToFirstStep);
            launchToFirstStep = null;
        }
        listeners.forEach(l -> l.collectMetrics(state, m));
        Map<String, Object> record = Json.finite(m);
        // Without a validation split the last epoch counts as the best.
        state.newBest = !pretraining && (val == null || (Double.isFinite(val.loss())
                && (state.best == null || val.loss() < state.best.valLoss())));
        if (state.newBest) {
            keepBest(state.completedEpochs + 1, val == null ? Double.NaN : val.loss());
        }
        state.history.add(record);
        state.completedEpochs++;
        state.batchInEpoch = 0;
        state.epochLossSum = 0;
        state.epochSamples = 0;
        state.epochTrainSeconds = 0;
        listeners.forEach(l -> l.onEpochEnd(state, record));
    }

    private void keepBest(int epoch, double valLoss) {
        if (state.best != null) {
            state.best.owner().close();
        }
        NDManager owner = manager.newSubManager();
        state.best = new TrainingState.Best(epoch, valLoss, state.model().snapshot(owner), owner);
    }

    /** Tests the best model (if any epoch was validated) and hands the result to the listeners. */
    private RunResult finish(List<? extends TrainingListener> listeners) {
        Evaluation test = null;
        if (state.best != null) {
            state.model().load(state.best.weights(), "best epoch " + state.best.epoch());
            test = evaluate(state.data().test(), IntStream.range(0, state.data().test().set().size()).toArray());
        }
        RunResult r = result(state.divergedAt >= 0 || state.best == null ? RunResult.Status.DIVERGED
                : RunResult.Status.FINISHED, test);
        listeners.forEach(l -> l.onFitEnd(state, r));
        return r;
    }

    private RunResult result(RunResult.Status status, Evaluation test) {
        TrainingState.Best best = state.best;
        return new RunResult(status, test == null ? null : Json.finiteOrNull(test.accuracy()),
                test == null ? null : Json.finiteOrNull(test.loss()), best == null ? 0 : best.epoch(),
                best == null ? null : Json.finiteOrNull(best.valLoss()), state.completedEpochs, state.globalStep(),
                state.divergedAt < 0 ? null : state.divergedAt, state.seconds(), state.history);
    }

    /**
     * The forward network in eval mode: mean cross-entropy and accuracy, or for the autoencoder the mean
     * squared error of the reconstruction against what the rule reconstructs (accuracy NaN).
     */
    public Evaluation evaluate(Batches data, int[] indices) {
        DualModel model = state.model();
        model.eval();
        boolean autoencoder = state.config().isAutoencoder();
        double lossSum = 0;
        long correct = 0;
        // At the training batch size, as the reference and the FW-DTP code evaluate: a model whose evaluation
        // standardizes over its batch (the FW-DTP code's batch norm) depends on it, and each pass's batch
        // buffers live until a garbage collection, so 8× larger ones cost 100 MB of resident memory
        // (CIFAR-10 MLP, 60 steps: 0.94 GB peak, 0.84 GB at the training batch size).
        try (Prefetcher it = new Prefetcher(data, indices, batchSize, 0, 0)) {
            while (it.hasNext()) {
                Batches.Batch b = it.next();
                try (NDScope ignored = new NDScope()) {
                    NDArray x = b.images(manager, model.flatInput());
                    List<NDArray> acts = model.forward(x, true);
                    NDArray out = acts.get(acts.size() - 1);
                    if (autoencoder) {
                        lossSum += Losses.mse(out, state.rule().evaluationTarget(x, b.targets(manager))).getFloat() * b.n();
                    } else {
                        NDArray labels = b.labels(manager);
                        lossSum += Losses.crossEntropy(out, labels).getFloat() * b.n();
                        correct += out.argMax(1).eq(labels).sum().getLong();
                    }
                }
                it.recycle(b);
            }
        } finally {
            model.train();
        }
        return new Evaluation(lossSum / indices.length, autoencoder ? Double.NaN : correct / (double) indices.length);
    }

    /** Mean loss and accuracy (NaN for reconstructions) over a set of samples. */
    public record Evaluation(double loss, double accuracy) {
    }

    @Override
    public void close() {
        manager.close();
    }
}
