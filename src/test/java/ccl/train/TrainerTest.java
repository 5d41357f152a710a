package ccl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import ccl.nn.Weights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two training steps of each CNN on tiny random data, through the whole loop (augmentation included),
 * with CCL, BP and the baseline rules; every run logs the alignment metrics.
 */
class TrainerTest {
    static ImageSet tinyCifar(int n, long seed) {
        Random rng = new Random(seed);
        byte[] px = new byte[n * 3 * 32 * 32];
        rng.nextBytes(px);
        int[] labels = rng.ints(n, 0, 10).toArray();
        return new ImageSet(px, labels, 3, 32, 32, 10);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"cnn, CCL", "cnn, BP", "cnn_pool, CCL", "cnn_pool, BP", "cnn, FA", "cnn_pool, DFA", "cnn, DRTP",
            "cnn_pool, uSF", "cnn, brSF", "cnn_pool, frSF"})
    void twoStepsOfEachCnnRunAndChangeTheWeights(String arch, String method, @TempDir Path tmp) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.putAll(Map.of("method", method, "architecture", arch, "task", "classification", "task_transform", "none",
                "bias_init", "zero", "bn_affine", 0, "fw_bn", 2, "bw_bn", 2, "dataset", "CIFAR10", "num_chn", 3));
        c.putAll(Map.of("batchsize", 8, "epochs", 1, "tmax", 0, "GradC", 1, "warmup", 100, "mmt_F", 0.9, "mmt_B", 0.9,
                "filter_target", 0.1, "loss_scale_C", 1.0));
        Config config = Config.fromMap(c, "test");
        RunDirectory run = new RunDirectory(tmp);
        Trainer trainer = new Trainer(config, new Trainer.Options(1, 0.25, true, 2, Integer.MAX_VALUE, null, tmp.resolve("final.npz")), run,
                new Progress(new PrintStream(new ByteArrayOutputStream()), false));
        try (NDManager m = NDManager.newBaseManager()) {
            Trainer.Result r = trainer.fit(m, tinyCifar(40, 1), tinyCifar(16, 2), InputPipelines.forConfig(config));
            assertTrue(Double.isFinite(r.testLoss()), "test loss " + r.testLoss());
            assertEquals(-1, r.divergedAtStep());
            var end = Weights.read(tmp.resolve("final.npz"), m);
            var start = Weights.read(run.bestWeights(), m); // best = after the only epoch = end
            assertEquals(start.keySet(), end.keySet());
            String metrics = Files.readString(tmp.resolve("metrics.jsonl"));
            assertTrue(metrics.contains("\"steps\":2"));
            assertTrue(metrics.contains("\"update_angle\":{\"enc1\":"), metrics);
            assertEquals(!method.startsWith("D"), metrics.contains("\"weight_angle\":{\"enc1\":"), metrics);
            assertTrue(end.containsKey("enc1.forward_layer.weight"));
        }
    }

    /** Two steps of the autoencoder (CCL, a shifted target) write a finite test MSE and the reconstruction grid. */
    @org.junit.jupiter.api.Test
    void twoStepsOfTheAutoencoderWriteItsReconstructions(@TempDir Path tmp) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.putAll(Map.of("method", "CCL", "architecture", "cnn_stride_autoencoder", "task", "autoencoder",
                "task_transform", "shifth5", "act_F", "relu", "act_B", "relu", "bias_init", "zero", "bn_affine", 1,
                "dataset", "CIFAR10"));
        c.putAll(Map.of("num_chn", 3, "batchsize", 4, "epochs", 1, "tmax", 0, "GradC", 1, "warmup", 100,
                "lr_F", 0.01, "lr_B", 0.01, "grad_clip_F", 0.2, "grad_clip_B", 0.2));
        Config config = Config.fromMap(c, "test");
        RunDirectory run = new RunDirectory(tmp);
        Trainer trainer = new Trainer(config, new Trainer.Options(1, 0.25, true, 2, Integer.MAX_VALUE, null, null), run,
                new Progress(new PrintStream(new ByteArrayOutputStream()), false));
        try (NDManager m = NDManager.newBaseManager()) {
            Trainer.Result r = trainer.fit(m, tinyCifar(12, 3), tinyCifar(8, 4), InputPipelines.forConfig(config));
            assertTrue(Double.isNaN(r.testAcc()));
            assertTrue(Double.isFinite(r.testLoss()) && r.testLoss() > 0, "test MSE " + r.testLoss());
            java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(tmp.resolve("reconstructions.png").toFile());
            assertEquals(2 * 32 + 2, grid.getHeight());
            assertEquals(8 * 34 - 2, grid.getWidth());
        }
    }
}
