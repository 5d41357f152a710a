package ccl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
    @TempDir
    Path dir;

    private Path spec(String text) throws Exception {
        return Files.writeString(dir.resolve("sweep.yaml"), text);
    }

    @Test
    void theGridExpandsOverConfigsAndValuesWithOverridesForMatchingPoints() throws Exception {
        SweepSpec s = SweepSpec.load(spec("""
                configs: [configs/mlp/mnist_ccl.yaml, configs/mlp/mnist_bp.yaml]
                grid:
                  seed: [1, 2, 3]
                  lr_F: [0.5, 1.0]
                options: {max_steps: 4, shuffle: false}
                points:
                  - match: {method: CCL, lr_F: 0.5}
                    set: {lr_B: 0.25}
                out: runs/s
                """));

        List<SweepPoint> points = SweepPoint.expand(s);

        assertEquals(12, points.size());
        assertEquals("mnist_ccl-seed1-lr_F0.5", points.get(0).name());
        assertEquals(Map.of("seed", "1", "lr_F", "0.5", "lr_B", "0.25"), points.get(0).keys());
        assertEquals(Map.of("seed", "1", "lr_F", "1.0"), points.get(1).keys(), "the override matches lr_F 0.5 only");
        assertEquals("mnist_bp-seed3-lr_F1.0", points.get(11).name());
        assertEquals(Map.of("seed", "3", "lr_F", "1.0"), points.get(11).keys(), "BP does not match method: CCL");
        assertEquals(List.of("train", "configs/mlp/mnist_ccl.yaml", "--seed", "1", "--lr_F", "0.5", "--lr_B", "0.25",
                "--max-steps", "4", "--no-shuffle", "--out", "d", "--threads", "2"),
                points.get(0).trainArgs(Path.of("d"), 2));
        assertEquals(Path.of("runs/s"), s.out());
    }

    @Test
    void errorsNameTheFileTheLineAndTheKey() throws Exception {
        assertMessage("configs: [configs/mlp/mnist_ccl.yaml]\ngrid:\n  sed: [1, 2]\n", "line 3", "'sed'",
                "did you mean 'seed'?");
        assertMessage("configs: [configs/mlp/nope.yaml]\n", "line 1", "configs/mlp/nope.yaml does not exist");
        assertMessage("configs: [configs/mlp/mnist_ccl.yaml]\ngrids: {seed: [1]}\n", "line 2", "unknown key 'grids'",
                "did you mean 'grid'?");
        assertMessage("configs: [configs/mlp/mnist_ccl.yaml]\ngrid: {seed: 1}\n", "line 2", "'grid.seed' must be a list");
        assertMessage("grid: {seed: [1]}\n", "has no 'configs'");
        assertMessage("configs: [configs/mlp/mnist_ccl.yaml]\noptions: {lr_F: 1}\n", "line 2", "'lr_F' is not a run option");
    }

    @Test
    void aValueAConfigRefusesIsFoundBeforeAnythingRuns() throws Exception {
        SweepSpec s = SweepSpec.load(spec("configs: [configs/mlp/mnist_ccl.yaml]\ngrid: {lr_F: [0.5, -1]}\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweeps.plan(s, dir.resolve("out")));
        assertTrue(e.getMessage().contains("point mnist_ccl-lr_F-1") && e.getMessage().contains("lr_F"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out")));
    }

    @Test
    void everyShippedSweepSpecPlans() throws Exception {
        try (var specs = Files.list(Path.of("sweeps"))) {
            for (Path spec : specs.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                List<Sweeps.Entry> plan = Sweeps.plan(SweepSpec.load(spec), dir.resolve(spec.getFileName().toString()));
                assertTrue(!plan.isEmpty(), spec.toString());
                assertTrue(plan.stream().allMatch(e -> e.state() == Sweeps.State.PENDING), spec.toString());
            }
        }
    }

    @Test
    void parallelRunsMayNotOversubscribeTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        LocalExecutor defaults = LocalExecutor.forCores(null, 1);
        assertEquals(cores, defaults.parallel());
        assertEquals(1, LocalExecutor.forCores(null, null).parallel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LocalExecutor(cores, 2));
        assertTrue(e.getMessage().contains("more than this machine's " + cores + " cores"), e.getMessage());
    }

    private void assertMessage(String text, String... parts) throws Exception {
        Path file = spec(text);
        String message = assertThrows(ConfigException.class, () -> SweepSpec.load(file)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        for (String part : parts) {
            assertTrue(message.contains(part), message);
        }
    }
}
