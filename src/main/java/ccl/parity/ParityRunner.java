package ccl.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.data.CifarReader;
import ccl.data.IdxReader;
import ccl.data.Batches;
import ccl.data.ImageSet;
import ccl.data.Pipeline;
import ccl.data.Stl10Reader;
import ccl.data.TaskTransform;
import ccl.learn.LearningRule;
import ccl.learn.LearningRules;
import ccl.learn.TargetPropagation;
import ccl.nn.DualModel;
import ccl.nn.Models;
import ccl.nn.Weights;
import ccl.train.TrainingStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Replays a parity case through the same {@link TrainingStep} that training uses, from the recorded
 * initial weights on the recorded batches, and compares with the reference by the rules of
 * {@code shared/parity/README.md}.
 */
public final class ParityRunner {
    private ParityRunner() {
    }

    public static ParityResult run(Path dir, NDManager parent) {
        ParityCase c = ParityCase.load(dir);
        String arch = c.config().getString("architecture");
        if (!Models.isImplemented(arch) || !LearningRules.isImplemented(c.config().getString("method"))) {
            return ParityResult.unsupported(c.name(), "architecture '" + arch + "' with method '"
                    + c.config().getString("method") + "' is not implemented yet");
        }
        try (NDManager manager = parent.newSubManager()) {
            ImageSet data = readData(dir.resolve("data"), c);
            DualModel model = Models.build(manager, c.config(), data.channels(), data.height(), data.numClasses());
            Map<String, NDArray> init = Weights.read(dir.resolve("init.npz"), manager);
            model.load(init, dir.resolve("init.npz").toString());
            LearningRule rule = LearningRules.create(c.config());
            Path noise = dir.resolve("noise.npz");
            if (Files.isRegularFile(noise) && rule instanceof TargetPropagation tp) {
                tp.useNoise(new RecordedNoise(Weights.read(noise, manager), noise));
            }
            TrainingStep step = new TrainingStep(model, rule, c.config(), manager);
            // Autoencoder cases: unnormalized images, and (input, target) pairs from the config's task transform.
            TaskTransform task = c.config().isAutoencoder()
                    ? TaskTransform.fromName(c.config().getString("task_transform")) : null;
            Batches batches = new Batches(data, c.mean().length == 0 ? new Pipeline(0, 0, 0, false, false, null, null)
                    : Pipeline.normalizeOnly(c.mean(), c.std()), task);
            int[] order = IntStream.range(0, data.size()).toArray();
            if (data.size() < c.batch() * c.steps()) {
                throw new IllegalArgumentException(dir.resolve("data") + " holds " + data.size()
                        + " records; the case needs " + c.batch() * c.steps());
            }

            List<String> lines = new ArrayList<>();
            double lossDev = 0;
            for (int k = 0; k < c.steps(); k++) {
                try (NDScope ignored = new NDScope()) {
                    Batches.Batch b = batches.assemble(order, k * c.batch(), (k + 1) * c.batch(), new SplittableRandom(k));
                    NDArray images = b.images(manager, model.flatInput());
                    float loss = (k < c.pretrainingSteps() ? step.pretrain(images, b.targets(manager), k)
                            : step.run(images, b.targets(manager), k)).getFloat();
                    double rel = Math.abs(loss - c.losses()[k]) / Math.abs(c.losses()[k]);
                    lossDev = Math.max(lossDev, rel);
                    lines.add(String.format("  step %d loss %.7f reference %.7f (rel. dev. %.2e)", k, loss, c.losses()[k], rel));
                }
            }

            Map<String, NDArray> after = Weights.read(dir.resolve("after.npz"), manager);
            Map<String, NDArray> ours = model.state();
            double weightDev = 0;
            double bufferDev = 0;
            boolean tensorsOk = true;
            for (Map.Entry<String, NDArray> e : after.entrySet()) {
                String key = e.getKey();
                NDArray ref = e.getValue().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                NDArray mine = ours.get(key);
                if (mine == null) {
                    lines.add("  " + key + ": missing in our model");
                    tensorsOk = false;
                    continue;
                }
                mine = mine.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                if (key.endsWith("running_mean") || key.endsWith("running_var") || key.endsWith("num_batches_tracked")) {
                    // BatchNorm statistics: within 1e-4 absolute + 1e-3 relative.
                    NDArray excess = mine.sub(ref).abs().sub(ref.abs().mul(1e-3f).add(1e-4f));
                    double worst = excess.max().getFloat();
                    bufferDev = Math.max(bufferDev, mine.sub(ref).abs().max().getFloat());
                    if (worst > 0) {
                        tensorsOk = false;
                        lines.add("  " + key + ": BatchNorm statistic off by more than the bound");
                    }
                } else {
                    // Updates within 1% of the largest reference update (plus 1e-6).
                    NDArray start = init.get(key).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                    NDArray refUpdate = ref.sub(start);
                    double dev = mine.sub(start).sub(refUpdate).abs().max().getFloat();
                    double largest = refUpdate.abs().max().getFloat();
                    double bound = 0.01 * largest + 1e-6;
                    weightDev = Math.max(weightDev, dev / bound);
                    if (dev > bound) {
                        tensorsOk = false;
                        lines.add(String.format("  %s: update off by %.3e, bound %.3e", key, dev, bound));
                    }
                }
            }

            model.eval();
            double logitDev = 0;
            boolean logitsOk = true;
            Path evalFile = dir.resolve("eval_output_first_batch.npy");
            if (Files.isRegularFile(evalFile)) {
                try (NDScope ignored = new NDScope()) {
                    NDArray ref = Npy.read(evalFile, manager);
                    Batches.Batch b = batches.assemble(order, 0, (int) ref.getShape().get(0), new SplittableRandom(0));
                    List<NDArray> acts = model.forward(b.images(manager, model.flatInput()), true);
                    NDArray logits = acts.get(acts.size() - 1);
                    logitDev = logits.sub(ref).abs().max().getFloat();
                    logitsOk = logits.sub(ref).abs().sub(ref.abs().mul(1e-3f).add(1e-3f)).max().getFloat() <= 0;
                }
            }
            boolean lossOk = lossDev <= 1e-4;
            return new ParityResult(c.name(), lossOk && tensorsOk && logitsOk ? ParityResult.Status.PASS
                    : ParityResult.Status.FAIL, lossDev, weightDev, bufferDev, logitDev, lines);
        }
    }

    private static ImageSet readData(Path data, ParityCase c) {
        Path images = data.resolve("train-images-idx3-ubyte");
        if (Files.isRegularFile(images)) {
            int classes = c.config().has("num_classes") ? c.config().getInt("num_classes") : 10;
            return IdxReader.read(images, data.resolve("train-labels-idx1-ubyte"), classes);
        }
        if (Files.isRegularFile(data.resolve("data_batch_1.bin"))) {
            return CifarReader.readCifar10(List.of(data.resolve("data_batch_1.bin")));
        }
        if (Files.isRegularFile(data.resolve("train.bin"))) {
            return CifarReader.readCifar100(data.resolve("train.bin"), false);
        }
        if (Files.isRegularFile(data.resolve("train_X.bin"))) {
            return Stl10Reader.read(data.resolve("train_X.bin"), data.resolve("train_y.bin"));
        }
        throw new IllegalArgumentException(data + " holds no data file this case format knows "
                + "(train-images-idx3-ubyte + train-labels-idx1-ubyte, data_batch_1.bin, train.bin, train_X.bin + train_y.bin)");
    }
}
