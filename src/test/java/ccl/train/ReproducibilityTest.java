package ccl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.InputPipelines;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same seed gives the same run, to the last digit, however the garbage collector and the rest of the
 * machine behave. Before the engine held the scalars on the gradient tape, a collection between a step's
 * forward and backward pass let backward read freed memory, and about one process in ten trained
 * differently. Here a thread collects and refills freed memory without pause while another process keeps a
 * core busy, and every repeat must equal the first.
 */
class ReproducibilityTest {
    /**
     * CCL, and the target-propagation rules whose losses divide by the batch size and by 2 on the tape (L-DRL)
     * and whose batch norm divides by n − 1 (FW-DTP-BN), at lr_F 0.1 (FW-DTP-BN diverges on these random
     * images at its config's 3). With DJL's div(Number) there, both failed here, and L-DRL's parity case in a
     * suite run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CCL", "configs/tp/mnist_ldrl.yaml", "configs/tp/mnist_fwdtp_bn.yaml"})
    void repeatsAgreeUnderGarbageCollectionAndCpuLoad(String rule) throws Exception {
        Config config = rule.endsWith(".yaml")
                ? Config.load(java.nio.file.Path.of(rule)).withOverrides(Map.of("epochs", "1", "epochs_backward", "2",
                        "lr_F", "0.1", "batchsize", "16"))
                : ResumeTest.config("simple_linear", rule).withOverrides(Map.of("epochs", "2"));
        TrainingData data = new TrainingData(ResumeTest.images(64, 1, 28, 1), ResumeTest.images(16, 1, 28, 2),
                InputPipelines.forConfig(config));
        RunOptions options = RunOptions.defaults().withValFraction(0.25);
        Process load = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            while (running.get()) {
                System.gc();
                List<ByteBuffer> fill = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(4);
                    b.putFloat(0, 1e30f);
                    fill.add(b);
                }
            }
        });
        churn.setDaemon(true);
        churn.start();
        try {
            List<Map<String, Object>> first = run(config, options, data);
            for (int repeat = 1; repeat < 4; repeat++) {
                assertEquals(first, run(config, options, data), "repeat " + repeat);
            }
        } finally {
            running.set(false);
            load.destroyForcibly();
        }
    }

    private static List<Map<String, Object>> run(Config config, RunOptions options, TrainingData data) {
        try (NDManager m = NDManager.newBaseManager(); Trainer t = Trainer.prepare(m, config, options, data)) {
            RunResult r = t.fit(List.of());
            assertEquals(RunResult.Status.FINISHED, r.status());
            List<Map<String, Object>> history = new ArrayList<>(ResumeTest.repeatable(r.history()));
            history.add(Map.of("test_loss", r.testLoss(), "test_acc", r.testAcc()));
            return history;
        }
    }
}
