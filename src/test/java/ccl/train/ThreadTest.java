package ccl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ccl.config.Config;
import ccl.run.RunSpec;
import ccl.run.Runs;
import ccl.testing.RunRecords;
import ccl.testing.Synthetic;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on a thread other than the one that loaded the engine (a Spark task, a caller's pool) trains as on
 * that one: PyTorch records gradients per thread and starts every new thread recording.
 */
class ThreadTest {
    @Test
    void aRunOnAFreshThreadGivesTheNumbersOfTheSameRunHere(@TempDir Path tmp) throws Exception {
        Synthetic.writeMnistDataset(tmp.resolve("data"), 300, 100);
        RunSpec spec = RunSpec.of(Config.load(Path.of("configs/mlp/mnist_ccl.yaml"))
                .withOverrides(Map.of("epochs", "2", "lr_F", "0.5"))).withDataDir(tmp.resolve("data"));
        Runs.start(spec, Runs.Destination.folder(tmp.resolve("here"), false), Runs.Extras.quiet());

        var pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture.runAsync(() -> Runs.start(spec, Runs.Destination.folder(tmp.resolve("there"), false),
                    Runs.Extras.quiet()), pool).get();
        } finally {
            pool.shutdown();
        }

        assertEquals(RunRecords.metricsWithoutTiming(tmp.resolve("here")),
                RunRecords.metricsWithoutTiming(tmp.resolve("there")));
    }
}
