package ccl.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.cli.Main;
import ccl.io.Json;
import ccl.run.RunSpec;
import ccl.sweep.ExecutorProvider;
import ccl.sweep.LocalExecutor;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import ccl.testing.RunRecords;
import ccl.testing.Synthetic;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark executor on a real standalone cluster (a master and a worker, each its own JVM, on 127.0.0.1):
 * a sweep whose executor is killed with kill -9 in the middle of a point ends with exactly the results of
 * the same sweep run by the local executor; so does the same sweep on local[1] from the command line.
 */
class SparkExecutorTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static List<Sweeps.Entry> reference;

    /** The sweep run by the local executor: what every Spark run of it must give, number for number. */
    @BeforeAll
    static void reference() throws Exception {
        data = tmp.resolve("data");
        Synthetic.writeMnistDataset(data, 600, 200);
        SweepSpec localSpec = spec("local");
        reference = Sweeps.run(localSpec, localSpec.out(), new LocalExecutor(1, 1), s -> { });
        assertTrue(reference.stream().allMatch(e -> e.state() == Sweeps.State.DONE), reference.toString());
    }

    private static SweepSpec spec(String name) throws Exception {
        return SweepSpec.load(Files.writeString(tmp.resolve(name + ".yaml"), """
                configs: [configs/mlp/mnist_ccl.yaml]
                grid: {seed: [1, 2]}
                options: {data_dir: %s}
                points:
                  - match: {method: CCL}
                    set: {epochs: 12, lr_F: 0.5}
                out: %s
                """.formatted(data, tmp.resolve(name))));
    }

    /** What the CLI gives the executor: the point's run as 'ccl train' would start it, resolved here. */
    private static ExecutorProvider.Settings settings(String master, Map<String, String> conf) {
        return new ExecutorProvider.Settings(master, null, master != null && master.startsWith("local") ? null : 1, conf, (point, dir, threads) -> {
            RunSpec s = RunSpec.of(point.resolve());
            String data = point.options().get("data_dir");
            return new RunSpec(s.config(), s.options(), Path.of(data).toAbsolutePath(), null, "cpu", threads, s.probes());
        });
    }

    @Test
    void aStoppedSweepAndAKilledExecutorCostNothingOnAStandaloneCluster() throws Exception {
        SweepSpec sparkSpec = spec("spark");
        try (StandaloneCluster cluster = new StandaloneCluster(tmp.resolve("cluster"), 1, "2g")) {
            // 1. The sweep's driver gets SIGTERM: its running point stops at a step boundary with a checkpoint.
            Process driver = cli(sparkSpec, "--master", cluster.url, "--threads-per-run", "1",
                    "--spark-conf", "spark.executor.memory=1g").start();
            Path stopped = firstCheckpointed(sparkSpec.out(), driver::isAlive, cluster);
            driver.destroy();
            assertTrue(driver.waitFor(180, TimeUnit.SECONDS), "the stopped sweep did not end");
            // 143 (SIGTERM) or 130 (the sweep's own status for a stopped point), whichever ends the JVM
            assertTrue(List.of(130, 143).contains(driver.exitValue()), Files.readString(tmp.resolve("driver.log")));
            assertTrue(Files.readString(stopped.resolve("run.json")).contains("\"status\": \"interrupted\""),
                    Files.readString(stopped.resolve(LocalExecutor.LOG)));
            assertTrue(Files.readString(stopped.resolve(LocalExecutor.LOG)).contains("stopped with a checkpoint"));
            killedExecutorFinishesFromItsCheckpoint(sparkSpec, cluster);
        }
    }

    /** 2. The sweep again, here: an executor killed mid-point; its task's retry resumes the point. */
    private void killedExecutorFinishesFromItsCheckpoint(SweepSpec sparkSpec, StandaloneCluster cluster) throws Exception {
        try (Sweeps.Executor spark = new SparkExecutor.Provider().open(settings(cluster.url, Map.of(
                     "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                     "spark.executor.memory", "1g")))) {
            CompletableFuture<List<Sweeps.Entry>> sweep = CompletableFuture.supplyAsync(
                    () -> Sweeps.run(sparkSpec, sparkSpec.out(), spark, s -> { }));
            Path killedPoint = running(sparkSpec.out(), sweep, cluster);
            List<ProcessHandle> executors = cluster.executors();
            assertEquals(1, executors.size(), "executors of the worker: " + cluster.executors() + " among "
                    + cluster.processes());
            assertFalse(Files.isRegularFile(killedPoint.resolve("summary.json")), "the point ended before the kill");
            executors.get(0).destroyForcibly();
            executors.get(0).onExit().get(30, TimeUnit.SECONDS);

            List<Sweeps.Entry> end = sweep.get(300, TimeUnit.SECONDS);

            assertSameResults(end, cluster.tail("worker"));
            String log = Files.readString(killedPoint.resolve(LocalExecutor.LOG));
            assertTrue(log.contains("attempt 1") && log.contains("resuming"), log);
        }
    }

    @Test
    void theCommandLineRunsASweepOnLocalModeWithTheSameResults() throws Exception {
        SweepSpec spec = spec("local-mode");
        Process p = cli(spec, "--master", "local[1]").start();
        Path log = tmp.resolve("driver.log");
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the sweep did not end");
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertSameResults(Sweeps.plan(spec, spec.out()), Files.readString(log));
        Map<String, Object> index = Json.parseObject(Files.readString(spec.out().resolve(Sweeps.INDEX)));
        assertTrue(((List<?>) index.get("points")).stream().allMatch(q -> "done".equals(((Map<?, ?>) q).get("state"))));
    }

    @Test
    void theCommandLineRefusesSparkOptionsThatCannotApply() {
        assertEquals(2, Main.run("sweep", "sweeps/table1_ccl_bp.yaml", "--executor", "spark", "--dry-run"));
        assertEquals(2, Main.run("sweep", "sweeps/table1_ccl_bp.yaml", "--master", "local[2]", "--dry-run"));
        assertEquals(2, Main.run("sweep", "sweeps/table1_ccl_bp.yaml", "--executor", "spark", "--master", "local[2]",
                "--threads-per-run", "1", "--dry-run"));
    }

    /** {@code ccl sweep SPEC --executor spark ARGS} in its own JVM, its output in driver.log. */
    private static ProcessBuilder cli(SweepSpec spec, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "ccl.cli.Main", "sweep", spec.file().toString(),
                "--executor", "spark", "--spark-conf", "spark.driver.host=127.0.0.1",
                "--spark-conf", "spark.driver.bindAddress=127.0.0.1"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("driver.log").toFile());
    }

    private static void assertSameResults(List<Sweeps.Entry> end, String context) throws Exception {
        for (int i = 0; i < reference.size(); i++) {
            assertEquals(Sweeps.State.DONE, end.get(i).state(), end.get(i).reason() + "\n" + context);
            assertEquals(metrics(reference.get(i).dir()), metrics(end.get(i).dir()), end.get(i).point().name());
            assertEquals(reference.get(i).summary().get("test_acc"), end.get(i).summary().get("test_acc"));
        }
    }

    @Test
    void theUsersExecutorOptionsComeAfterOursNotInsteadOfThem() {
        SparkExecutor e = new SparkExecutor(settings("spark://127.0.0.1:7077",
                Map.of("spark.executor.extraJavaOptions", "-Xss4m", "spark.executor.memory", "2g")));
        assertEquals("-XX:+UseSerialGC -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 "
                + "-Dai.djl.pytorch.num_interop_threads=1 -Xss4m",
                e.settings().get("spark.executor.extraJavaOptions"));
        assertEquals("2g", e.settings().get("spark.executor.memory"));
        assertEquals("1", e.settings().get("spark.task.cpus"));
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingStarts() {
        assertMessage(() -> new SparkExecutor.Provider().open(settings(null, Map.of())), "needs --master URL");
        assertMessage(() -> new SparkExecutor.Provider().open(settings("127.0.0.1:7077", Map.of())),
                "is not a Spark master URL");
        assertMessage(() -> new SparkExecutor.Provider().open(settings("local[2]", Map.of("executor.memory", "2g"))),
                "start with 'spark.'");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(m.contains(part), m);
    }

    /** The folder of the first point with a checkpoint and no result yet, while the sweep is still going. */
    private static Path firstCheckpointed(Path out, java.util.function.BooleanSupplier going, StandaloneCluster cluster)
            throws Exception {
        return firstCheckpointed(out, going, cluster, "");
    }

    private static Path firstCheckpointed(Path out, java.util.function.BooleanSupplier going, StandaloneCluster cluster,
                                          String since) throws Exception {
        for (int i = 0; i < 3000; i++) {
            for (String name : List.of("mnist_ccl-seed1", "mnist_ccl-seed2")) {
                Path dir = out.resolve(name);
                if (Files.isRegularFile(dir.resolve("checkpoint.npz")) && !Files.isRegularFile(dir.resolve("summary.json"))
                        && Files.isRegularFile(dir.resolve(LocalExecutor.LOG))
                        && Files.readString(dir.resolve(LocalExecutor.LOG)).contains(since)) {
                    return dir;
                }
            }
            if (!going.getAsBoolean()) {
                throw new AssertionError("the sweep ended before a point had a checkpoint\n" + cluster.tail("worker"));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint after 150 s\n" + cluster.tail("worker"));
    }

    /** A point the resumed sweep is training now (its log names this driver's attempt), with a checkpoint. */
    private static Path running(Path out, CompletableFuture<?> sweep, StandaloneCluster cluster) throws Exception {
        return firstCheckpointed(out, () -> !sweep.isDone(), cluster, "resuming");
    }

    private static List<Map<String, Object>> metrics(Path dir) {
        return RunRecords.metricsWithoutTiming(dir);
    }
}
