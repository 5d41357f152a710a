package ccl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.io.Json;
import ccl.run.Provenance;
import ccl.testing.RunRecords;
import ccl.testing.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ccl train} as a user meets it: resume after kill -9 and SIGTERM, run folders, and bad input refused early. */
class RunCommandTest {
    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void dataset() {
        data = shared.resolve("data");
        Synthetic.writeMnistDataset(data, 600, 200);
    }

    private static List<String> train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "configs/mlp/mnist_ccl.yaml", "--epochs", "4",
                "--lr_F", "0.5", "--data-dir", data.toString(), "--out", out.toString(), "--threads", "1"));
        args.addAll(List.of(more));
        return args;
    }

    private static CliTest.Outcome run(List<String> args) {
        return CliTest.run(args.toArray(String[]::new));
    }

    /** The same run in a child JVM, so that it can be killed. */
    private static Process spawn(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "ccl.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitCheckpoint(Path dir, Process p) throws Exception {
        for (int i = 0; i < 1200 && !Files.isRegularFile(dir.resolve("checkpoint.npz")); i++) {
            assertTrue(p.isAlive(), "the child run ended before its first checkpoint");
            Thread.sleep(50);
        }
        assertTrue(Files.isRegularFile(dir.resolve("checkpoint.npz")));
    }

    private static List<Map<String, Object>> metrics(Path dir) {
        return RunRecords.metricsWithoutTiming(dir);
    }

    /** Runs to the end in a child JVM (the engine's thread count is fixed once per process) and returns its exit status. */
    private static int complete(List<String> args) throws Exception {
        Process p = spawn(args);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child run did not end");
        return p.exitValue();
    }

    @Test
    void aRunKilledOrStoppedAndResumedEndsWithTheUninterruptedNumbers(@TempDir Path tmp) throws Exception {
        // With the CKA probe at steps before, at and after the first checkpoint: a resumed run probes
        // the steps after its checkpoint again and its probes.jsonl ends as the uninterrupted run's.
        String[] probes = {"--probe", "cka", "--probe-steps", "0,2,4,9", "--probe-samples", "40"};
        Path whole = tmp.resolve("whole");
        assertEquals(0, complete(train(whole, probes)));

        Path killed = tmp.resolve("killed");
        Process p = spawn(train(killed, probes));
        awaitCheckpoint(killed, p);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
        Path part = Files.writeString(killed.resolve(".best.npz.0f9e.part"), "half a file"); // killed mid-write
        assertEquals(0, complete(List.of("train", "--resume", killed.toString())));
        assertFalse(Files.exists(part), "the resumed run removes what a killed write left");
        assertEquals(metrics(whole), metrics(killed));
        @SuppressWarnings("unchecked")
        Map<String, Object> resumed = (Map<String, Object>) ((List<?>) Json.parseObject(
                Files.readString(killed.resolve("run.json"))).get("resumed")).get(0);
        assertEquals(Provenance.commit(), resumed.get("git_commit"), "the resume records the build that continued it");
        assertTrue(resumed.get("denormals").toString().startsWith("flushed"), resumed.toString());
        assertEquals(Files.readAllLines(whole.resolve("probes.jsonl")), Files.readAllLines(killed.resolve("probes.jsonl")));
        assertEquals(Json.parseObject(Files.readString(whole.resolve("summary.json"))).get("test_acc"),
                Json.parseObject(Files.readString(killed.resolve("summary.json"))).get("test_acc"));

        Path stopped = tmp.resolve("stopped");
        Process q = spawn(train(stopped, probes));
        awaitCheckpoint(stopped, q);
        q.destroy(); // SIGTERM: a checkpoint at the next step, then exit
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, q.exitValue());
        assertEquals("interrupted", Json.parseObject(Files.readString(stopped.resolve("run.json"))).get("status"));
        assertEquals(0, complete(List.of("train", "--resume", stopped.toString())));
        assertEquals(metrics(whole), metrics(stopped));
        assertEquals(Files.readAllLines(whole.resolve("probes.jsonl")), Files.readAllLines(stopped.resolve("probes.jsonl")));

        CliTest.Outcome finished = run(List.of("train", "--resume", stopped.toString()));
        assertEquals(0, finished.status(), finished.err());
        assertTrue(finished.out().contains("already ended"), finished.out());
    }

    @Test
    void runFoldersAreNeverShared(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, run(train(out, "--max-steps", "2")).status());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) Json.parseObject(Files.readString(out.resolve("run.json"))).get("data");
        assertEquals(false, data.get("official"), "generated files are not the published MNIST");
        assertEquals(4, ((Map<?, ?>) data.get("md5")).size());
        CliTest.Outcome twice = run(train(out, "--max-steps", "2"));
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("already holds a run") && twice.err().contains("--resume"), twice.err());
        assertEquals(0, run(train(out, "--max-steps", "2", "--overwrite")).status());
        CliTest.Outcome empty = CliTest.run("train", "configs/mlp/mnist_ccl.yaml", "--out", "", "--data-dir",
                data.toString());
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("--out is empty"), empty.err());
        CliTest.Outcome notARun = CliTest.run("train", "--resume", tmp.toString());
        assertEquals(2, notARun.status());
        assertTrue(notARun.err().contains("is not a run folder"), notARun.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--val-fraction=NaN", "--val-fraction=1.5", "--val-fraction=0.99999", "--max-steps=0",
            "--max-steps=-1", "--batches-per-epoch=0", "--batchsize=1000000000", "--method=DTP-BN", "--mode=test",
            "--num_chn=3", "--threads=1000", "--lr_F=0.1 --lr_F=0.7", "--max-step=3", "--save-weights=.", "--probe=nope",
            "--probe=cka", "--probe=cka --probe-steps=-1"})
    void badInputIsAnErrorBeforeAnythingIsWritten(String option, @TempDir Path tmp) {
        Path out = tmp.resolve("run");
        List<String> args = train(out);
        args.remove("--threads");
        args.remove("1");
        args.addAll(List.of(option.split(" ")));
        CliTest.Outcome o = run(args);
        assertEquals(2, o.status(), o.out() + o.err());
        assertTrue(o.err().startsWith("error: "), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
        assertFalse(Files.exists(out), "nothing written for " + option);
    }

    @Test
    void probesWriteOneRecordPerStepIntoTheRunFolder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliTest.Outcome o = run(train(out, "--max-steps", "6", "--probe", "cka", "--probe-steps", "0,5", "--probe-samples", "50"));
        assertEquals(0, o.status(), o.err());
        List<String> lines = Files.readAllLines(out.resolve("probes.jsonl"));
        assertEquals(2, lines.size());
        assertEquals(5L, ((Number) Json.parseObject(lines.get(1)).get("step")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> probes = (Map<String, Object>) ((Map<String, Object>) Json.parseObject(
                Files.readString(out.resolve("run.json"))).get("spec")).get("probes");
        assertEquals(List.of("cka"), probes.get("names"));
    }

    @Test
    void aHeapTooSmallIsOneLineThatSaysWhatToDo(@TempDir Path tmp) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "ccl.cli.Main"));
        Path big = tmp.resolve("data");
        Synthetic.writeMnistDataset(big, 60_000, 100); // MNIST's size: 47 MB of training images
        List<String> args = train(tmp.resolve("run"));
        args.set(args.indexOf("--data-dir") + 1, big.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("error: the Java heap is too small") && output.contains("CCL_JAVA_OPTS"), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
    }

    @Test
    void badInitialWeightsAreAnErrorBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path saved = tmp.resolve("w.npz");
        assertEquals(0, run(train(tmp.resolve("first"), "--max-steps", "1", "--save-weights", saved.toString())).status());
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            Map<String, ai.djl.ndarray.NDArray> w = ccl.nn.Weights.read(saved, m);
            Map<String, ai.djl.ndarray.NDArray> nan = new LinkedHashMap<>(w);
            nan.put("enc1.forward_layer.weight", w.get("enc1.forward_layer.weight").mul(Float.NaN));
            ccl.nn.Weights.write(tmp.resolve("nan.npz"), nan);
            Map<String, ai.djl.ndarray.NDArray> extra = new LinkedHashMap<>(w);
            extra.put("extra", m.zeros(new ai.djl.ndarray.types.Shape(1)));
            ccl.nn.Weights.write(tmp.resolve("extra.npz"), extra);
        }
        for (String bad : List.of("nan.npz", "extra.npz")) {
            Path out = tmp.resolve("run-" + bad);
            CliTest.Outcome o = run(train(out, "--init-weights", tmp.resolve(bad).toString()));
            assertEquals(2, o.status(), o.err());
            assertTrue(o.err().contains(bad) && (o.err().contains("NaN") || o.err().contains("[extra]")), o.err());
            assertFalse(Files.exists(out), "nothing written for " + bad);
        }
    }

    @Test
    void aRunThatDivergesBeforeValidatingFailsWithValidJson(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        List<String> args = train(out, "--lr_B", "1e30", "--grad_clip_F", "0", "--grad_clip_B", "0");
        args.set(args.indexOf("--lr_F") + 1, "1e30");
        CliTest.Outcome o = run(args);
        assertEquals(1, o.status(), o.out() + o.err());
        assertTrue(o.err().contains("diverged"), o.err());
        Map<String, Object> summary = Json.parseObject(Files.readString(out.resolve("summary.json")));
        assertEquals("diverged", summary.get("status"));
        assertEquals(null, summary.get("test_acc"));
        assertFalse(Files.readString(out.resolve("summary.json")).contains("NaN"));
    }
}
