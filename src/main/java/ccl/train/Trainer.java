package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.config.Config;
import ccl.data.Batches;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import ccl.data.Prefetcher;
import ccl.data.Split;
import ccl.analysis.Alignment;
import ccl.learn.Backprop;
import ccl.learn.LearningRule;
import ccl.learn.LearningRules;
import ccl.learn.Losses;
import ccl.report.Reconstructions;
import ccl.nn.DualModel;
import ccl.nn.Models;
import ccl.nn.Weights;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reference's training loop ({@code main_class_mlp.py}): per epoch, shuffled training batches
 * through {@link TrainingStep}, the cosine schedule step, validation in eval mode; the model with the
 * lowest validation loss is kept and tested at the end.
 */
public final class Trainer {
    /** Run-level choices that are not part of the reference's config. */
    public record Options(long seed, double valFraction, boolean shuffle, long maxSteps, int batchesPerEpoch,
                          Path initWeights, Path saveWeights) {
    }

    /**
     * Final numbers of a run: test accuracy (NaN for the autoencoder) and loss (cross-entropy, or the
     * reconstruction MSE); {@code divergedAtStep} is the step whose loss was not finite, or -1.
     */
    public record Result(double testAcc, double testLoss, int bestEpoch, double bestValLoss, int epochs, double seconds,
                         long divergedAtStep) {
    }

    private final Config config;
    private final Options options;
    private final RunDirectory run;
    private final Progress progress;

    public Trainer(Config config, Options options, RunDirectory run, Progress progress) {
        this.config = config;
        this.options = options;
        this.run = run;
        this.progress = progress;
    }

    public Result fit(NDManager parent, ImageSet trainSet, ImageSet testSet, InputPipelines pipelines) {
        long start = System.nanoTime();
        try (NDManager manager = parent.newSubManager()) {
            manager.getEngine().setRandomSeed((int) options.seed());
            DualModel model = Models.build(manager, config, trainSet.channels(),
                    pipelines.train().outputSize(trainSet.height()), trainSet.numClasses());
            if (options.initWeights() != null) {
                model.load(Weights.read(options.initWeights(), manager), options.initWeights().toString());
            }
            LearningRule rule = LearningRules.create(config);
            TrainingStep step = new TrainingStep(model, rule, config, manager);
            CosineSchedule scheduleF = new CosineSchedule(config.getDouble("lr_F"), config.getInt("tmax"), config.getDouble("eta_min"));
            CosineSchedule scheduleB = new CosineSchedule(config.getDouble("lr_B"), config.getInt("tmax"), config.getDouble("eta_min"));

            int[][] split = Split.trainVal(trainSet.size(), options.valFraction(), options.seed());
            Batches train = new Batches(trainSet, pipelines.train(), pipelines.task());
            Batches validation = new Batches(trainSet, pipelines.eval(), pipelines.task());
            Batches test = new Batches(testSet, pipelines.eval(), pipelines.task());
            SplittableRandom shuffleRng = new SplittableRandom(options.seed() + 1);
            int batchSize = config.getInt("batchsize");
            int epochs = config.getInt("epochs");

            // The alignment probe: one fixed batch (validation samples, no augmentation) for every epoch's metrics.
            int[] probeFrom = split[1].length > 0 ? split[1] : split[0];
            Batches.Batch probe = validation.assemble(probeFrom, 0, Math.min(batchSize, probeFrom.length), new SplittableRandom(0));
            NDArray probeX = probe.images(manager, model.flatInput()).duplicate();
            NDArray probeTarget = probe.targets(manager).duplicate();
            LearningRule backprop = new Backprop(Models.isAutoencoder(config.getString("architecture")));

            Map<String, NDArray> best = null;
            NDManager bestOwner = null;
            int bestEpoch = -1;
            double bestValLoss = Double.POSITIVE_INFINITY;
            int epoch = 0;
            long divergedAt = -1;
            for (; epoch < epochs && step.globalStep() < options.maxSteps() && divergedAt < 0; epoch++) {
                long t0 = System.nanoTime();
                step.forwardOptimizer().setLr(scheduleF.lrAt(epoch));
                step.backwardOptimizer().setLr(scheduleB.lrAt(epoch));
                int[] order = options.shuffle() ? Split.shuffled(split[0], shuffleRng) : split[0];
                double lossSum = 0;
                int batches = 0;
                progress.startEpoch(epoch, epochs, Prefetcher.batchCount(order.length, batchSize));
                try (Prefetcher it = new Prefetcher(train, order, batchSize, options.seed() * 1_000_003L + epoch)) {
                    while (it.hasNext() && step.globalStep() < options.maxSteps() && batches < options.batchesPerEpoch()) {
                        Batches.Batch b = it.next();
                        float loss;
                        try (NDScope ignored = new NDScope()) {
                            loss = step.run(b.images(manager, model.flatInput()), b.targets(manager), batches).getFloat();
                        }
                        it.recycle(b);
                        if (!Float.isFinite(loss)) {
                            divergedAt = step.globalStep() - 1;
                            break;
                        }
                        lossSum += loss;
                        progress.step(loss, b.n());
                        batches++;
                    }
                }
                if (divergedAt >= 0) {
                    // Later epochs would only carry NaN weights; the best model so far is what gets tested.
                    progress.info(String.format("loss became non-finite at step %d (epoch %d): training stops; "
                            + "the best model so far (epoch %d) is tested", divergedAt, epoch + 1, bestEpoch + 1));
                    break;
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                int trained = Math.min(order.length, batches * batchSize);
                Evaluation val = split[1].length == 0 ? null : evaluate(manager, model, rule, validation, split[1], batchSize * 8);
                double seconds = (System.nanoTime() - t0) / 1e9;

                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", epoch);
                m.put("train_loss", lossSum / Math.max(1, batches));
                m.put("val_loss", val == null ? null : val.loss());
                m.put("val_acc", val == null || Double.isNaN(val.accuracy()) ? null : val.accuracy());
                m.put("lr_F", step.forwardOptimizer().lr());
                m.put("lr_B", step.backwardOptimizer().lr());
                m.put("steps", step.globalStep());
                m.put("train_seconds", trainSeconds);
                m.put("seconds", seconds);
                m.put("samples_per_s", trained / trainSeconds);
                m.put("weight_angle", Alignment.weightAngles(model, rule));
                m.put("update_angle", Alignment.updateAngles(model, rule, backprop, probeX, probeTarget));
                m.put("rss_mb", Memory.residentMegabytes());
                m.put("heap_mb", Memory.heapMegabytes());
                m.put("direct_mb", Memory.directMegabytes());
                run.appendMetrics(m);
                progress.endEpoch(m);

                // Without a validation split the last epoch counts as the best.
                double valLoss = val == null ? Double.NEGATIVE_INFINITY : val.loss();
                if (valLoss < bestValLoss || val == null) {
                    bestValLoss = val == null ? Double.NaN : valLoss;
                    bestEpoch = epoch;
                    if (bestOwner != null) {
                        bestOwner.close();
                    }
                    bestOwner = manager.newSubManager();
                    best = model.snapshot(bestOwner);
                    Weights.write(run.bestWeights(), best);
                }
            }
            if (best != null) {
                model.load(best, "best epoch " + bestEpoch);
            }
            if (options.saveWeights() != null) {
                Weights.write(options.saveWeights(), model.state());
            }
            Evaluation t = evaluate(manager, model, rule, test, allIndices(testSet.size()), batchSize * 8);
            if (pipelines.task() != null) {
                Reconstructions.write(run.dir().resolve("reconstructions.png"), manager, model, rule, test, 8);
            }
            return new Result(t.accuracy(), t.loss(), bestEpoch, bestValLoss, epoch, (System.nanoTime() - start) / 1e9,
                    divergedAt);
        }
    }

    /**
     * The forward network in eval mode: mean cross-entropy and accuracy, or for the autoencoder the mean
     * squared error of the reconstruction against what the rule reconstructs (accuracy NaN).
     */
    static Evaluation evaluate(NDManager manager, DualModel model, LearningRule rule, Batches data, int[] indices,
                               int batchSize) {
        model.eval();
        double lossSum = 0;
        long correct = 0;
        boolean images = false;
        try (Prefetcher it = new Prefetcher(data, indices, batchSize, 0)) {
            while (it.hasNext()) {
                Batches.Batch b = it.next();
                try (NDScope ignored = new NDScope()) {
                    NDArray x = b.images(manager, model.flatInput());
                    var acts = model.forward(x, true);
                    NDArray out = acts.get(acts.size() - 1);
                    if (b.target() != null) {
                        images = true;
                        lossSum += Losses.mse(out, rule.evaluationTarget(x, b.targets(manager))).getFloat() * b.n();
                    } else {
                        NDArray labels = b.labels(manager);
                        lossSum += Losses.crossEntropy(out, labels).getFloat() * b.n();
                        correct += out.argMax(1).eq(labels).sum().getLong();
                    }
                }
                it.recycle(b);
            }
        }
        model.train();
        return new Evaluation(lossSum / indices.length, images ? Double.NaN : correct / (double) indices.length);
    }

    private static int[] allIndices(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    record Evaluation(double loss, double accuracy) {
    }
}
