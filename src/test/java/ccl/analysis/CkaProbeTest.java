package ccl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import ccl.train.RunOptions;
import ccl.train.RunResult;
import ccl.train.Trainer;
import ccl.train.TrainingData;
import ccl.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CKA probe records a matrix at each chosen step and leaves the run exactly as it would have been. */
class CkaProbeTest {
    private static ImageSet images(int n, long seed) {
        Random rng = new Random(seed);
        byte[] px = new byte[n * 28 * 28];
        rng.nextBytes(px);
        return new ImageSet(px, rng.ints(n, 0, 10).toArray(), 1, 28, 28, 10);
    }

    @Test
    void recordsAtTheChosenStepsAndChangesNothing() {
        Map<String, Object> c = new LinkedHashMap<>(Map.of("method", "CCL", "architecture", "simple_linear",
                "task", "classification", "task_transform", "none", "bias_init", "zero", "bn_affine", 0,
                "dataset", "MNIST", "batchsize", 8, "epochs", 2, "tmax", 2));
        c.putAll(Map.of("GradC", 1, "warmup", 4, "fw_bn", 2, "bw_bn", 2, "num_chn", 1));
        Config config = Config.fromMap(c, "test");
        TrainingData data = new TrainingData(images(40, 1), images(24, 2), InputPipelines.forConfig(config));
        RunOptions options = RunOptions.defaults().withValFraction(0.2);

        List<Map<String, Object>> records = new ArrayList<>();
        RunResult probed = run(config, options, data, new Probes(List.of("cka"), List.of(0L, 3L, 7L), 16).listeners(records::add));
        RunResult plain = run(config, options, data, List.of());

        assertEquals(plain.testLoss(), probed.testLoss(), "BatchNorm statistics and weights untouched");
        assertEquals(plain.history().stream().map(CkaProbeTest::withoutTiming).toList(),
                probed.history().stream().map(CkaProbeTest::withoutTiming).toList());
        assertEquals(List.of(0L, 3L, 7L), records.stream().map(r -> r.get("step")).toList());
        @SuppressWarnings("unchecked")
        List<List<Double>> matrix = (List<List<Double>>) records.get(2).get("cka");
        assertEquals(7, matrix.size(), "b0 … b5 and the target");
        assertEquals(7, matrix.get(0).size(), "the input, a1 … a6");
        assertTrue(matrix.stream().flatMap(List::stream).allMatch(v -> v >= -1e-9 && v <= 1 + 1e-9), matrix.toString());
        assertEquals(16L, records.get(0).get("samples"));
    }

    @Test
    void theTsneProbeEmbedsEachHiddenDepthAndChangesNothing() {
        Map<String, Object> c = new LinkedHashMap<>(Map.of("method", "BP", "architecture", "simple_linear",
                "task", "classification", "task_transform", "none", "bias_init", "zero", "bn_affine", 0,
                "dataset", "MNIST", "batchsize", 8, "epochs", 1, "tmax", 0));
        c.putAll(Map.of("GradC", 0, "warmup", 0, "num_chn", 1));
        Config config = Config.fromMap(c, "test");
        TrainingData data = new TrainingData(images(40, 1), images(24, 2), InputPipelines.forConfig(config));
        RunOptions options = RunOptions.defaults().withValFraction(0.2).withMaxSteps(3);

        List<Map<String, Object>> records = new ArrayList<>();
        RunResult probed = run(config, options, data, new Probes(List.of("tsne"), List.of(0L, 3L), 20).listeners(records::add));
        RunResult plain = run(config, options, data, List.of());

        assertEquals(plain.testLoss(), probed.testLoss());
        assertEquals(2 * 5, records.size(), "two steps × the five hidden depths of the MNIST MLP");
        Map<String, Object> r = records.get(0);
        assertEquals(20, ((List<?>) r.get("forward")).size());
        assertEquals(10, ((List<?>) r.get("targets")).size(), "one point per class code");
        assertEquals(20, ((List<?>) r.get("labels")).size());
        assertTrue(((Number) r.get("kl")).doubleValue() >= 0);
    }

    private static RunResult run(Config config, RunOptions options, TrainingData data, List<TrainingListener> probes) {
        try (NDManager m = NDManager.newBaseManager(); Trainer t = Trainer.prepare(m, config, options, data)) {
            return t.fit(probes);
        }
    }

    private static Map<String, Object> withoutTiming(Map<String, Object> r) {
        Map<String, Object> copy = new LinkedHashMap<>(r);
        copy.keySet().removeAll(ccl.testing.RunRecords.TIMING);
        return copy;
    }
}
