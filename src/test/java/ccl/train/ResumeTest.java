package ccl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import ccl.learn.LearningRule;
import ccl.learn.LearningRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exact resume: a run stopped at a random step (with a checkpoint there, or killed so that only the last
 * epoch's checkpoint is left) and resumed ends with the same history and test numbers as the run
 * uninterrupted, to the last digit, for every rule on the MLP and for both CNNs with BatchNorm and
 * augmentation.
 */
class ResumeTest {

    static ImageSet images(int n, int channels, int size, long seed) {
        Random rng = new Random(seed);
        byte[] px = new byte[n * channels * size * size];
        rng.nextBytes(px);
        return new ImageSet(px, rng.ints(n, 0, 10).toArray(), channels, size, size, 10);
    }

    static Config config(String arch, String method) {
        Map<String, Object> c = new LinkedHashMap<>(Map.of("method", method, "architecture", arch,
                "task", "classification", "task_transform", "none", "bias_init", "zero", "bn_affine", 0,
                "dataset", arch.equals("simple_linear") ? "MNIST" : "CIFAR10", "batchsize", 8, "epochs", 3, "tmax", 3));
        c.putAll(Map.of("GradC", 1, "warmup", 10, "mmt_F", 0.9, "mmt_B", 0.9, "filter_target", 0.1,
                "loss_scale_C", 1.0, "lr_F", 0.05, "lr_B", 0.05, "fw_bn", arch.equals("simple_linear") ? 0 : 2,
                "bw_bn", arch.equals("simple_linear") ? 0 : 2));
        c.put("num_chn", arch.equals("simple_linear") ? 1 : 3);
        return Config.fromMap(c, "test");
    }

    @ParameterizedTest(name = "{0} {1}, stopped at step {2}")
    @CsvSource({"simple_linear, CCL, 7", "simple_linear, BP, 3", "simple_linear, FA, 8", "simple_linear, DFA, 9",
            "simple_linear, DRTP, 11", "simple_linear, uSF, 8", "simple_linear, brSF, 6", "simple_linear, frSF, 12",
            "cnn_pool, CCL, 5", "cnn, BP, 7"})
    void aRunStoppedAndResumedEndsAsTheUninterruptedOne(String arch, String method, int stopAt, @TempDir Path tmp) {
        Config config = config(arch, method);
        boolean mlp = arch.equals("simple_linear");
        TrainingData data = new TrainingData(images(mlp ? 48 : 32, mlp ? 1 : 3, mlp ? 28 : 32, 1),
                images(16, mlp ? 1 : 3, mlp ? 28 : 32, 2), InputPipelines.forConfig(config));
        RunOptions options = RunOptions.defaults().withValFraction(0.25);
        RunResult whole = run(config, options, data, null, -1, false);
        assertEquals(RunResult.Status.FINISHED, whole.status());

        Path atStop = tmp.resolve("at-stop.npz");
        RunResult stopped = run(config, options, data, atStop, stopAt, true);
        assertEquals(RunResult.Status.INTERRUPTED, stopped.status());
        assertEquals(stopAt, stopped.steps());
        double before = recordedSeconds(atStop);
        assertTrue(before > 0 && before <= stopped.seconds(), "the checkpoint keeps the seconds spent so far: " + before);
        RunResult resumed = run(config, options, data, atStop, -1, false);
        assertSame(whole, resumed);
        assertTrue(resumed.seconds() > before, "a resumed run's seconds count the earlier process's too");

        // As after kill -9: no checkpoint at the stop, only the one of the last finished epoch (5 steps
        // each), or none at all before the first epoch ends, and then the run starts over.
        Path atEpoch = tmp.resolve("at-epoch.npz");
        run(config, options, data, atEpoch, stopAt, false);
        assertEquals(stopAt >= 5, Files.isRegularFile(atEpoch));
        assertSame(whole, run(config, options, data, atEpoch, -1, false));
    }

    /**
     * A rule of several phases with a pre-training epoch, trained with Adam: stopped inside the pre-training
     * epoch and inside a training epoch, it resumes exactly; the pre-training epoch is marked and never the best.
     */
    @ParameterizedTest(name = "stopped at step {0}")
    @CsvSource({"3", "8"})
    void aRuleWithPhasesAndPretrainingResumesExactly(int stopAt, @TempDir Path tmp) {
        Config config = config("simple_linear", "BP").withOverrides(Map.of("optimizer", "Adam", "mmt_F", "0",
                "mmt_B", "0", "lr_F", "0.001", "lr_B", "0.001", "epochs", "2"));
        TrainingData data = new TrainingData(images(48, 1, 28, 1), images(16, 1, 28, 2), InputPipelines.forConfig(config));
        RunOptions options = RunOptions.defaults().withValFraction(0.25);
        RunResult whole = run(config, options, data, null, -1, false, c -> new FeedbackFirstRule());
        assertEquals(RunResult.Status.FINISHED, whole.status());
        assertEquals(3, whole.epochs(), "one pre-training epoch, then the config's two");
        assertEquals("pretraining", whole.history().get(0).get("phase"));
        assertEquals("training", whole.history().get(1).get("phase"));
        assertTrue(whole.bestEpoch() >= 2, "best epoch " + whole.bestEpoch());

        Path atStop = tmp.resolve("at-stop.npz");
        run(config, options, data, atStop, stopAt, true, c -> new FeedbackFirstRule());
        assertSame(whole, run(config, options, data, atStop, -1, false, c -> new FeedbackFirstRule()));
    }

    /**
     * Target propagation: feedback iterations and pre-training with noise from the engine's generator, which
     * the loop seeds per step; stopped in the pre-training epoch (DTP at 3) or in training, it resumes exactly.
     */
    @ParameterizedTest(name = "{0}, stopped at step {1}")
    @CsvSource({"DTP, 3", "DTP, 8", "FWDTP, 7", "DRL, 8", "L-DRL, 9"})
    void targetPropagationResumesExactly(String method, int stopAt, @TempDir Path tmp) {
        Map<String, String> tp = new LinkedHashMap<>(Map.of("epochs_backward", "1", "act_F", "tanh", "act_B", "tanh",
                "mmt_F", "0", "mmt_B", "0", "GradC", "0", "warmup", "0", "init_F", "orthogonal", "init_B_range", "0.01"));
        tp.putAll(Map.of("hidden_width", "16", "std_backward", "0.1", "filter_target", "0"));
        Config config = config("simple_linear", method).withOverrides(tp);
        TrainingData data = new TrainingData(images(48, 1, 28, 1), images(16, 1, 28, 2), InputPipelines.forConfig(config));
        RunOptions options = RunOptions.defaults().withValFraction(0.25);
        RunResult whole = run(config, options, data, null, -1, false);
        assertEquals(RunResult.Status.FINISHED, whole.status());
        assertEquals(method.equals("FWDTP") ? 3 : 4, whole.epochs(), "epochs_backward pre-training epochs, then three");
        Path atStop = tmp.resolve("at-stop.npz");
        run(config, options, data, atStop, stopAt, true);
        assertSame(whole, run(config, options, data, atStop, -1, false));
    }

    private static RunResult run(Config config, RunOptions options, TrainingData data, Path checkpoint, int stopAt,
                                 boolean checkpointAtStop) {
        return run(config, options, data, checkpoint, stopAt, checkpointAtStop, LearningRules::create);
    }

    /** Trains from {@code checkpoint} if it exists, writing it at each epoch end (and at the stop, if asked). */
    private static RunResult run(Config config, RunOptions options, TrainingData data, Path checkpoint, int stopAt,
                                 boolean checkpointAtStop, Function<Config, LearningRule> rules) {
        try (NDManager m = NDManager.newBaseManager(); Trainer t = Trainer.prepare(m, config, options, data, rules)) {
            if (checkpoint != null && Files.isRegularFile(checkpoint)) {
                t.restore(checkpoint);
            }
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStepEnd(TrainingState state, float loss, int samples) {
                    if (state.globalStep() == stopAt) {
                        state.requestStop();
                    }
                }

                @Override
                public void onEpochEnd(TrainingState state, Map<String, Object> record) {
                    if (checkpoint != null) {
                        state.writeCheckpoint(checkpoint);
                    }
                }

                @Override
                public void onInterrupt(TrainingState state) {
                    if (checkpointAtStop) {
                        state.writeCheckpoint(checkpoint);
                    }
                }
            };
            return t.fit(List.of(new Memory(), new ccl.analysis.AlignmentProbe(), listener));
        }
    }

    private static double recordedSeconds(Path checkpoint) {
        try (NDManager m = NDManager.newBaseManager()) {
            byte[] json = ccl.nn.Weights.read(checkpoint, m).get("meta.json").toByteArray();
            return ((Number) ccl.io.Json.parseObject(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                    .get("run_seconds")).doubleValue();
        }
    }

    private static void assertSame(RunResult expected, RunResult actual) {
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.testAcc(), actual.testAcc());
        assertEquals(expected.testLoss(), actual.testLoss());
        assertEquals(expected.bestEpoch(), actual.bestEpoch());
        assertEquals(expected.bestValLoss(), actual.bestValLoss());
        assertEquals(expected.steps(), actual.steps());
        assertEquals(repeatable(expected.history()), repeatable(actual.history()));
    }

    static List<Map<String, Object>> repeatable(List<Map<String, Object>> history) {
        return history.stream().map(r -> {
            Map<String, Object> copy = new LinkedHashMap<>(r);
            copy.keySet().removeAll(ccl.testing.RunRecords.TIMING); // timing and memory differ between any two runs
            // Numbers compared by value and type-free: a record read back from a checkpoint holds Long and Double.
            return ccl.io.Json.parseObject(ccl.io.Json.LINE.toJson(copy));
        }).toList();
    }
}
