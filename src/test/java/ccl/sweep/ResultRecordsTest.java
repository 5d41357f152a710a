package ccl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/results/keep and restore: a finished run's record survives the loss of runs/ and counts as done again;
 * tools/results/lane, which runs sweep points and keeps them, refuses to start without a spec and a point.
 */
class ResultRecordsTest {
    @TempDir
    Path dir;

    @Test
    void aKeptRunIsDoneAgainOnceRestored() throws Exception {
        SweepSpec spec = SweepSpec.load(Path.of("sweeps/table1_ccl_bp.yaml"));
        SweepPoint point = SweepPoint.expand(spec).get(0);
        Path runs = dir.resolve("runs");
        Path run = Files.createDirectories(runs.resolve("sweeps/table1_ccl_bp").resolve(point.name()));
        point.resolve().write(run.resolve("config.yaml"));
        Files.writeString(run.resolve("run.json"), ccl.io.Json.PRETTY.toJson(
                Map.of("spec", ccl.run.RunSpec.of(point.resolve()).withOptions(point.runOptions()).toMap())));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\": 1, \"val_acc\": 0.97}\n");
        Path data = Path.of("").toRealPath().resolve("data");
        Files.writeString(run.resolve("summary.json"), "{\"status\": \"finished\", \"test_acc\": 0.9801, \"folder\": \""
                + data + "/MNIST\"}");
        Files.write(run.resolve("checkpoint.npz"), new byte[64]);
        Files.writeString(run.resolve("train.log"), "epoch 1\n");
        // An unfinished run has no record to keep.
        Files.writeString(Files.createDirectories(runs.resolve("unfinished")).resolve("run.json"), "{}");
        Path results = dir.resolve("results");

        assertEquals("kept 1 new run record(s) in " + results + "/", tool("keep", runs, results));
        assertEquals("kept 0 new run record(s) in " + results + "/", tool("keep", runs, results));
        Path kept = results.resolve("sweeps/table1_ccl_bp").resolve(point.name());
        try (Stream<Path> files = Files.list(kept)) {
            assertEquals(List.of("config.yaml", "metrics.jsonl", "run.json", "summary.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no checkpoint, no log");
        }
        assertTrue(!Files.exists(results.resolve("unfinished")));
        assertTrue(Files.readString(kept.resolve("summary.json")).contains("\"folder\": \"data/MNIST\""),
                "paths under the project are kept relative to it");

        Path lost = dir.resolve("new-machine-runs");
        assertEquals("restored 1 run record(s) into " + lost + "/", tool("restore", results, lost));
        Sweeps.Entry again = Sweeps.stateOf(point, lost.resolve("sweeps/table1_ccl_bp").resolve(point.name()));
        assertEquals(Sweeps.State.DONE, again.state(), String.valueOf(again.reason()));
        assertEquals(0.9801, ((Number) again.summary().get("test_acc")).doubleValue());
    }

    @Test
    void aLaneNeedsASpecAndAPoint() throws Exception {
        Process p = new ProcessBuilder("tools/results/lane", "sweeps/table1_tp.yaml").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(2, p.waitFor(), out);
        assertEquals("usage: tools/results/lane SPEC POINT...", out);
    }

    private static String tool(String name, Path from, Path to) throws Exception {
        Process p = new ProcessBuilder("tools/results/" + name, from.toString(), to.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
