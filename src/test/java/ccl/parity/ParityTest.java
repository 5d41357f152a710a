package ccl.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ccl.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every parity case recorded from the reference (../shared/parity) that our models cover must agree. */
class ParityTest {
    static final Path SHARED = Path.of(System.getProperty("ccl.shared", "../shared"), "parity");
    static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static List<Path> sharedCases() throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "skipped: no parity cases at " + SHARED.toAbsolutePath()
                + " (CI has ../shared beside the clone; a user's clone does not)");
        return casesIn(SHARED);
    }

    /** The case folders (those with a case.json) directly under {@code dir}, sorted. */
    static List<Path> casesIn(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("case.json"))).sorted().toList();
        }
    }

    @Test
    void everySharedMlpCaseAgreesWithTheReference() throws IOException {
        List<Path> covered = new ArrayList<>();
        for (Path dir : sharedCases()) {
            ParityResult r = ParityRunner.run(dir, manager);
            System.out.println(r.summaryLine());
            if (r.status() != ParityResult.Status.UNSUPPORTED) {
                covered.add(dir);
                assertEquals(ParityResult.Status.PASS, r.status(), String.join("\n", r.detail()));
            }
        }
        assumeTrue(!covered.isEmpty(), "no MLP case under " + SHARED);
    }

    @Test
    void theCliPassesTheMnistCases() throws IOException {
        sharedCases();
        assumeTrue(Files.isDirectory(SHARED.resolve("mlp_mnist_ccl")), "no mlp_mnist_ccl case");
        assertEquals(0, Main.run("parity", SHARED.resolve("mlp_mnist_ccl").toString(),
                SHARED.resolve("mlp_mnist_bp").toString()));
    }

    /** The checker itself must notice a different hyper-parameter: here lr_F halved. */
    @Test
    void aChangedLearningRateFails(@TempDir Path tmp) throws IOException {
        sharedCases();
        Path src = SHARED.resolve("mlp_mnist_ccl");
        assumeTrue(Files.isDirectory(src), "no mlp_mnist_ccl case");
        Path copy = tmp.resolve("changed");
        Files.createDirectories(copy.resolve("data"));
        for (String f : List.of("init.npz", "after.npz", "eval_output_first_batch.npy",
                "data/train-images-idx3-ubyte", "data/train-labels-idx1-ubyte")) {
            Files.copy(src.resolve(f), copy.resolve(f));
        }
        Files.writeString(copy.resolve("case.json"),
                Files.readString(src.resolve("case.json")).replace("\"lr_F\": 1,", "\"lr_F\": 0.5,"));
        assertEquals(ParityResult.Status.FAIL, ParityRunner.run(copy, manager).status());
        assertEquals(1, Main.run("parity", copy.toString()));
    }
}
