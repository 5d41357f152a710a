package ccl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.testing.Synthetic;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Outcome(int status, String out, String err) {
    }

    static synchronized Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainWritesARunFolderAndEndsWithTheResultLine(@TempDir Path tmp) throws Exception {
        Synthetic.writeMnistDataset(tmp.resolve("data"), 600, 200);
        Path runDir = tmp.resolve("run");
        Path saved = tmp.resolve("saved.npz");
        Outcome o = run("train", "configs/mlp/mnist_ccl.yaml", "--epochs", "2", "--lr_F", "0.5",
                "--data-dir", tmp.resolve("data").toString(), "--out", runDir.toString(),
                "--save-weights", saved.toString(), "--threads", "1");
        assertEquals(0, o.status(), o.err());
        List<String> lines = o.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("test_acc=[0-9.]+ test_loss=[0-9.]+ best_epoch=[12]"), o.out());
        for (String f : List.of("config.yaml", "metrics.jsonl", "best.npz", "summary.json")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(2, metrics.size());
        JsonObject epoch = JsonParser.parseString(metrics.get(1)).getAsJsonObject();
        for (String k : List.of("train_loss", "val_loss", "val_acc", "lr_F", "lr_B", "seconds", "samples_per_s", "rss_mb")) {
            assertTrue(epoch.has(k), k);
        }
        assertTrue(Files.readString(runDir.resolve("config.yaml")).contains("lr_F: 0.5"));
        JsonObject summary = JsonParser.parseString(Files.readString(runDir.resolve("summary.json"))).getAsJsonObject();
        JsonObject provenance = summary.getAsJsonObject("provenance");
        assertTrue(provenance.has("engine"));
        if (Files.isDirectory(Path.of(".git"))) { // every build records its commit, however Maven was started
            assertTrue(provenance.get("git_commit").getAsString().matches("[0-9a-f]{40}"), provenance.toString());
            assertTrue(provenance.get("uncommitted_changes").getAsString().matches("true|false"), provenance.toString());
        }
        assertTrue(summary.get("command").getAsString().startsWith("ccl train configs/mlp/mnist_ccl.yaml --epochs 2 --lr_F 0.5 --data-dir "),
                summary.get("command").getAsString());
        assertTrue(summary.get("command").getAsString().endsWith("--threads 1"), summary.get("command").getAsString());
        assertTrue(summary.get("test_acc").getAsDouble() > 0.5, "the synthetic digits are easy: " + summary);

        // The saved weights start a new run: one step at lr 0 keeps the test accuracy.
        Outcome again = run("train", "configs/mlp/mnist_ccl.yaml", "--epochs", "1", "--lr_F", "0", "--lr_B", "0",
                "--max-steps", "1", "--data-dir", tmp.resolve("data").toString(), "--out", tmp.resolve("run2").toString(),
                "--init-weights", saved.toString());
        assertEquals(0, again.status(), again.err());
        JsonObject s2 = JsonParser.parseString(Files.readString(tmp.resolve("run2/summary.json"))).getAsJsonObject();
        assertEquals(summary.get("test_acc").getAsDouble(), s2.get("test_acc").getAsDouble(), 1e-9);
        assertEquals(1, s2.getAsJsonObject("data").get("max_steps").getAsInt());
    }

    @Test
    void badConfigInputIsOneClearErrorLine(@TempDir Path tmp) throws Exception {
        Outcome unknown = run("train", "configs/mlp/mnist_ccl.yaml", "--lr_f", "0.5");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("lr_f") && unknown.err().contains("lr_F"), unknown.err());
        assertFalse(unknown.err().contains("\tat "), "no stack trace: " + unknown.err());

        Outcome badValue = run("train", "configs/mlp/mnist_ccl.yaml", "--act_F", "gelu");
        assertEquals(2, badValue.status());
        assertTrue(badValue.err().contains("gelu") && badValue.err().contains("elu"), badValue.err());

        Outcome missing = run("train", tmp.resolve("nope.yaml").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope.yaml"), missing.err());

        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "method: [unclosed\n");
        Outcome malformed = run("train", broken.toString());
        assertEquals(2, malformed.status());
        assertTrue(malformed.err().contains("broken.yaml"), malformed.err());
    }

    @Test
    void flopsPrintsEveryMapAndEndsWithTheTotal() {
        Outcome o = run("flops", "configs/mlp/mnist_ccl.yaml");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("enc1.backward_layer"), o.out());
        assertTrue(o.out().strip().endsWith("mflops_per_sample=2.5516"), o.out());
        Outcome bad = run("flops", "configs/mlp/mnist_ccl.yaml", "--batch", "0");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("batch size must be at least 1"), bad.err());
    }

    @Test
    void versionNamesTheCommit() {
        Outcome o = run("--version");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().matches("(?s)ccl \\S+ \\(commit ([0-9a-f]{40}(\\+dirty)?|unknown), DJL 0\\.35\\.1\\)\\s*"), o.out());
    }

    @Test
    void gpuRequestSaysNoGpuIsPresent() {
        Outcome o = run("parity", "--device", "gpu", "does-not-matter");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("no GPU") || o.err().contains("CPU native library"), o.err());
    }

    @Test
    void datasetsListsEveryDataset(@TempDir Path tmp) {
        Outcome o = run("datasets", "--data-dir", tmp.toString());
        assertEquals(0, o.status(), o.err());
        for (String name : List.of("MNIST", "FashionMNIST", "CIFAR10", "CIFAR100", "STL10")) {
            assertTrue(o.out().contains(name), o.out());
        }
    }

    @Test
    void parityOnAFolderWithoutACaseIsAClearError(@TempDir Path tmp) {
        Outcome o = run("parity", tmp.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("case.json"), o.err());
    }

    @Test
    void aDamagedParityCaseIsNamedAndTheOthersStillRun(@TempDir Path tmp) throws Exception {
        Path shared = Path.of(System.getProperty("ccl.shared", "../shared"), "parity", "mlp_mnist_bp");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared),
                "skipped: no parity case at " + shared.toAbsolutePath() + " (CI has ../shared; a user's clone does not)");
        Path broken = ccl.testing.Folders.copyTree(shared, tmp.resolve("broken"));
        Path npy = broken.resolve("eval_output_first_batch.npy");
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Outcome o = run("parity", broken.toString(), shared.toString());

        assertEquals(2, o.status(), o.out() + o.err());
        assertTrue(o.err().contains(npy + " is not a readable NumPy .npy array"), o.err());
        assertTrue(o.out().contains("PASS"), "the intact case after the damaged one still ran: " + o.out());
    }
}
