package ccl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
        try (NDManager m = NDManager.newBaseManager();
             Trainer trainer = Trainer.prepare(m, config, RunOptions.defaults().withValFraction(0.25).withMaxSteps(2),
                     new TrainingData(tinyCifar(40, 1), tinyCifar(16, 2), InputPipelines.forConfig(config)))) {
            Map<String, ai.djl.ndarray.NDArray> start = trainer.state().model().snapshot(m);
            RunResult r = trainer.fit(List.of(new ccl.analysis.AlignmentProbe()));
            assertTrue(r.testLoss() != null && Double.isFinite(r.testLoss()), "test loss " + r.testLoss());
            assertEquals(RunResult.Status.FINISHED, r.status());
            assertEquals(null, r.divergedAtStep());
            assertEquals(1, r.bestEpoch());
            Map<String, Object> epoch = r.history().get(0);
            assertEquals(1, epoch.get("epoch"));
            assertEquals(2L, epoch.get("steps"));
            assertTrue(epoch.get("update_angle").toString().startsWith("{enc1="), epoch.toString());
            assertEquals(!method.startsWith("D"), epoch.get("weight_angle").toString().startsWith("{enc1="), epoch.toString());
            var end = trainer.state().model().state();
            assertTrue(end.get("enc1.forward_layer.weight").sub(start.get("enc1.forward_layer.weight")).abs().sum()
                    .getFloat() > 0, "the forward weights changed");
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
        try (NDManager m = NDManager.newBaseManager();
             Trainer trainer = Trainer.prepare(m, config, RunOptions.defaults().withValFraction(0.25).withMaxSteps(2),
                     new TrainingData(tinyCifar(12, 3), tinyCifar(8, 4), InputPipelines.forConfig(config)))) {
            Path grid = tmp.resolve("reconstructions.png");
            RunResult r = trainer.fit(List.of(new ccl.report.Reconstructions(grid)));
            assertEquals(null, r.testAcc());
            assertTrue(r.testLoss() != null && r.testLoss() > 0, "test MSE " + r.testLoss());
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(grid.toFile());
            assertEquals(2 * 32 + 2, image.getHeight());
            assertEquals(8 * 34 - 2, image.getWidth());
        }
    }
}
