package ccl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.analysis.Flops;
import ccl.config.Config;
import ccl.run.RunSpec;
import ccl.testing.Synthetic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's bookkeeping (no timing is asserted: the numbers are what the benchmark reports). */
class BenchTest {
    @Test
    void aBenchTimesTheStepsItWasAskedForAndBoundsThemByTheModelsWork(@TempDir Path tmp) {
        Synthetic.writeMnistDataset(tmp, 600, 200);
        Config config = Config.load(Path.of("configs/mlp/mnist_ccl.yaml")).withOverrides(Map.of("batchsize", "32"));
        RunSpec spec = RunSpec.of(config).withDataDir(tmp);

        Bench.Result r = Bench.run("mnist", spec, 2, 6);

        assertEquals(6, r.steps());
        assertEquals(32, r.batch());
        assertEquals(Flops.count(config, 32).total() * 32, r.stepFlops(), 1e-6);
        // both networks: at least the first layer's weights twice (forward and feedback)
        Machine.Gemm first = Bench.gemms(config, 32).get(0);
        assertTrue(r.parameters() > 2 * first.k() * first.n(), "parameters: " + r.parameters());
        for (double v : List.of(r.stepSeconds(), r.gemmFlops(), r.bandwidth(), r.lowerBound(), r.share())) {
            assertTrue(Double.isFinite(v) && v > 0, r.toMap().toString());
        }
        assertEquals(r.batch() / r.stepSeconds(), r.samplesPerSecond(), 1e-9);
        assertEquals(List.of(32L, 784L), List.of(first.m(), first.k()));
        // every part of a step is reported (how long each takes is the bench's to say, not a unit test's: the
        // split is a mean over the timed steps, the step time their median, and one slow step moves the mean)
        double parts = r.split().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(java.util.EnumSet.allOf(ccl.train.StepTimings.Part.class), r.split().keySet());
        assertTrue(parts > 0 && Double.isFinite(parts), r.toMap().toString());
        assertTrue(r.split().get(ccl.train.StepTimings.Part.LOSS_AND_BACKWARD) > 0, r.toMap().toString());
    }

    /** A rule's pre-training epochs run first and untimed: the bench times the training steps it was asked for. */
    @Test
    void pretrainingStepsAreRunButNotTimed(@TempDir Path tmp) {
        Synthetic.writeMnistDataset(tmp, 600, 200);
        Config config = Config.load(Path.of("configs/tp/mnist_dtp.yaml")).withOverrides(Map.of("batchsize", "32",
                "epochs_backward", "1", "hidden_width", "16"));
        Bench.Result r = Bench.run("dtp", RunSpec.of(config).withDataDir(tmp), 1, 3);
        assertEquals(3, r.steps());
        assertEquals(17L, r.toMap().get("untimed_pretraining_steps"), "one epoch of 540 training samples in 32s");
    }
}
