package ccl.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.io.Json;
import ccl.testing.RunRecords;
import ccl.testing.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with kill -9 in the middle of a point (the sweep and its run) and started again ends with
 * exactly the results of the same sweep uninterrupted; a point that cannot run is tried twice and reported.
 */
class SweepRunTest {
    @TempDir
    Path tmp;

    private Path spec(Path data, Path out) throws Exception {
        return Files.writeString(tmp.resolve("sweep-" + out.getFileName() + ".yaml"), """
                configs: [configs/mlp/mnist_ccl.yaml]
                grid: {seed: [1, 2]}
                options: {data_dir: %s}
                points:
                  - match: {method: CCL}
                    set: {epochs: 4, lr_F: 0.5}
                out: %s
                """.formatted(data, out));
    }

    @Test
    void aKilledSweepContinuesToTheUninterruptedResults() throws Exception {
        Path data = tmp.resolve("data");
        Synthetic.writeMnistDataset(data, 600, 200);
        Path whole = tmp.resolve("whole");
        List<Sweeps.Entry> reference = Sweeps.run(SweepSpec.load(spec(data, whole)), whole, new LocalExecutor(1, 1), s -> { });
        assertTrue(reference.stream().allMatch(e -> e.state() == Sweeps.State.DONE), reference.toString());

        Path killed = tmp.resolve("killed");
        Path spec = spec(data, killed);
        Process sweep = new ProcessBuilder(javaCommand("sweep", spec.toString(), "--parallel", "1", "--threads-per-run", "1"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path first = killed.resolve("mnist_ccl-seed1").resolve("checkpoint.npz");
        for (int i = 0; i < 1200 && !Files.isRegularFile(first); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.isRegularFile(first), "the first point wrote no checkpoint");
        // kill -9 of the sweep: its run sees it go, stops at a step boundary with a checkpoint and exits.
        List<ProcessHandle> runs = sweep.descendants().toList();
        assertEquals(1, runs.size());
        sweep.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        runs.get(0).onExit().get(120, TimeUnit.SECONDS);
        assertTrue(Files.readString(killed.resolve("mnist_ccl-seed1").resolve(LocalExecutor.LOG)).contains("(the sweep) ended"));

        List<Sweeps.Entry> resumed = Sweeps.run(SweepSpec.load(spec), killed, new LocalExecutor(1, 1), s -> { });

        for (int i = 0; i < reference.size(); i++) {
            assertEquals(Sweeps.State.DONE, resumed.get(i).state(), resumed.get(i).reason());
            assertEquals(metrics(reference.get(i).dir()), metrics(resumed.get(i).dir()), resumed.get(i).point().name());
            assertEquals(reference.get(i).summary().get("test_acc"), resumed.get(i).summary().get("test_acc"));
        }
        Map<String, Object> index = Json.parseObject(Files.readString(killed.resolve(Sweeps.INDEX)));
        assertEquals(2, ((List<?>) index.get("points")).size());
        assertTrue(Files.isRegularFile(killed.resolve(Sweeps.SPEC_COPY)));
    }

    @Test
    void aPointThatCannotRunIsTriedTwiceThenReportedWithItsLog() throws Exception {
        Path out = tmp.resolve("failing");
        Path notAFolder = Files.writeString(tmp.resolve("data-file"), "not a folder");
        Path spec = spec(notAFolder, out);
        LocalExecutor local = new LocalExecutor(1, 1);
        List<String> attempts = new ArrayList<>();
        Sweeps.Executor counting = oneAtATime((point, dir, resume) -> {
            attempts.add(point.name());
            return local.run(point, dir, resume);
        });

        List<Sweeps.Entry> end = Sweeps.run(SweepSpec.load(spec), out, counting, s -> { });

        assertEquals(List.of("mnist_ccl-seed1", "mnist_ccl-seed1", "mnist_ccl-seed2", "mnist_ccl-seed2"), attempts);
        Sweeps.Entry failed = end.get(0);
        assertEquals(Sweeps.State.FAILED, failed.state());
        assertTrue(failed.reason().startsWith("exit status 2 twice; log ") && failed.reason().contains("data-file"),
                failed.reason());
        assertTrue(Files.readString(out.resolve(Sweeps.INDEX)).contains("\"state\": \"failed\""));
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "ccl.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<Map<String, Object>> metrics(Path dir) {
        return RunRecords.metricsWithoutTiming(dir);
    }

    /**
     * Two sweeps over one folder: a point the other one started after this sweep's scan is left to it (its
     * folder is locked), not run into the lock twice and reported failed.
     */
    @Test
    void aPointAnotherSweepTookIsLeftToIt() throws Exception {
        Path out = tmp.resolve("shared");
        List<String> attempts = new ArrayList<>();
        ccl.run.RunFolder[] taken = new ccl.run.RunFolder[1];
        Sweeps.Executor other = oneAtATime((point, dir, resume) -> {
            attempts.add(point.name());
            if (taken[0] == null) { // the other sweep starts the second point meanwhile
                taken[0] = ccl.run.RunFolder.open(dir.resolveSibling(point.name().replace("seed1", "seed2")), false);
            }
            return 1;
        });
        try {
            List<Sweeps.Entry> end = Sweeps.run(SweepSpec.load(spec(tmp.resolve("no-data"), out)), out, other, s -> { });
            assertEquals(List.of("mnist_ccl-seed1", "mnist_ccl-seed1"), attempts);
            assertEquals(Sweeps.State.FAILED, end.get(0).state());
            assertEquals(Sweeps.State.RUNNING_ELSEWHERE, end.get(1).state(), end.get(1).reason());
        } finally {
            taken[0].close();
        }
    }

    /**
     * A point whose config or run options were edited after its run is stale: neither counted as done nor
     * resumed with the old settings, and the reason names what changed.
     */
    @Test
    void anEditedPointIsStaleNotDone() throws Exception {
        Path out = tmp.resolve("edited");
        List<String> ran = new ArrayList<>();
        Sweeps.Executor fabricating = fabricating(ran);
        Path spec = spec(tmp.resolve("no-data"), out);
        List<Sweeps.Entry> first = Sweeps.run(SweepSpec.load(spec), out, fabricating, s -> { });
        assertEquals(List.of(Sweeps.State.DONE, Sweeps.State.INTERRUPTED), first.stream().map(Sweeps.Entry::state).toList());
        assertEquals(List.of(Sweeps.State.DONE, Sweeps.State.INTERRUPTED),
                Sweeps.plan(SweepSpec.load(spec), out).stream().map(Sweeps.Entry::state).toList());

        Files.writeString(spec, Files.readString(spec).replace("lr_F: 0.5", "lr_F: 0.4"));
        ran.clear();
        List<Sweeps.Entry> edited = Sweeps.run(SweepSpec.load(spec), out, fabricating, s -> { });

        assertEquals(List.of(), ran);
        for (Sweeps.Entry e : edited) {
            assertEquals(Sweeps.State.STALE, e.state(), e.point().name());
            assertTrue(e.reason().startsWith("its run has lr_F 0.5 where the spec now gives 0.4 (the config file or the "
                    + "spec changed since it started); move " + e.dir() + " away"), e.reason());
        }
        Files.writeString(spec, Files.readString(spec).replace("lr_F: 0.4", "lr_F: 0.5")
                .replace("options: {", "options: {max_steps: 7, "));
        Sweeps.Entry options = Sweeps.plan(SweepSpec.load(spec), out).get(0);
        assertEquals(Sweeps.State.STALE, options.state());
        assertTrue(options.reason().startsWith("its run has run option max_steps null where the spec now gives 7"),
                options.reason());
    }

    @Test
    void onlyTheSelectedPointsRun() throws Exception {
        Path out = tmp.resolve("some");
        Path spec = spec(tmp.resolve("no-data"), out);
        List<String> ran = new ArrayList<>();
        List<Sweeps.Entry> end = Sweeps.run(SweepSpec.load(spec), out, fabricating(ran), s -> { },
                p -> p.name().endsWith("seed1"));
        assertEquals(List.of("mnist_ccl-seed1"), ran);
        assertEquals(List.of(Sweeps.State.DONE, Sweeps.State.PENDING), end.stream().map(Sweeps.Entry::state).toList());

        Path none = tmp.resolve("none");
        assertEquals(2, ccl.cli.Main.run("sweep", spec.toString(), "--out", none.toString(), "--only", "cifar*"));
        assertTrue(!Files.exists(none), "nothing is written when --only matches no point");
    }

    /**
     * An executor that leaves in each point's folder what ccl train leaves, without training: every point
     * ending in seed1 finished, the others stopped (exit status 130).
     */
    private static Sweeps.Executor fabricating(List<String> ran) {
        return oneAtATime((point, dir, resume) -> {
            ran.add(point.name());
            try {
                Files.createDirectories(dir);
                point.resolve().write(dir.resolve(ccl.run.RunFolder.CONFIG));
                Map<String, Object> spec = ccl.run.RunSpec.of(point.resolve()).withOptions(point.runOptions()).toMap();
                Files.writeString(dir.resolve(ccl.run.RunFolder.RUN), Json.PRETTY.toJson(Map.of("spec", spec)));
                if (point.name().endsWith("seed1")) {
                    Files.writeString(dir.resolve(ccl.run.RunFolder.SUMMARY), "{\"status\": \"finished\"}");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return point.name().endsWith("seed1") ? 0 : 130;
        });
    }

    /** How an executor runs one point (Sweeps.Executor#run). */
    private interface PointRun {
        int run(SweepPoint point, Path dir, boolean resume);
    }

    /** An executor running one point at a time with one thread, the given way. */
    private static Sweeps.Executor oneAtATime(PointRun body) {
        return new Sweeps.Executor() {
            @Override
            public int run(SweepPoint point, Path dir, boolean resume) {
                return body.run(point, dir, resume);
            }

            @Override
            public int parallel() {
                return 1;
            }

            @Override
            public int threads() {
                return 1;
            }
        };
    }
}
