package ccl.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ccl.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target-propagation cases recorded from the published FW-DTP code (parity/tp, by
 * tools/parity/make_tp_case.py): DTP with and without feedback pre-training, FW-DTP, DRL as that code has
 * it, L-DRL, with the noise the code drew replayed. They ship with the project, so they run everywhere.
 */
class TargetPropagationParityTest {
    static final Path CASES = Path.of("parity", "tp");
    @Test
    void everyRecordedCaseAgrees() throws IOException {
        List<Path> cases = ParityTest.casesIn(CASES);
        assertEquals(List.of("drl_clean", "dtp", "dtp-bn", "dtp_pretraining", "fwdtp", "fwdtp-bn", "l-drl"),
                cases.stream().map(p -> p.getFileName().toString()).sorted().toList());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Path dir : cases) {
                ParityResult r = ParityRunner.run(dir, manager);
                System.out.println(r.summaryLine());
                assertEquals(ParityResult.Status.PASS, r.status(), dir + "\n" + String.join("\n", r.detail()));
            }
        }
        assertEquals(0, Main.run(Stream.concat(Stream.of("parity"), cases.stream().map(Path::toString))
                .toArray(String[]::new)));
    }

    /** DRL against the noisy input (the published loss) is not what the FW-DTP code does: the check must see it. */
    @Test
    void theOtherDrlTargetFails(@TempDir Path tmp) throws IOException {
        Path copy = edited("drl_clean", tmp, "\"drl_target\": \"clean\"", "\"drl_target\": \"noisy\"");
        ParityResult r;
        try (NDManager manager = NDManager.newBaseManager()) {
            r = ParityRunner.run(copy, manager);
        }
        assertEquals(ParityResult.Status.FAIL, r.status());
        assertTrue(String.join("\n", r.detail()).contains("backward_layer.weight: update off"), r.detail().toString());
    }

    /** Replaying another rule's noise leaves the recorded path: an error naming the file, not a wrong pass. */
    @Test
    void noiseOfAnotherShapeIsAnError(@TempDir Path tmp) throws IOException {
        Path copy = edited("l-drl", tmp, "\"method\": \"L-DRL\"", "\"method\": \"DRL\"");
        IllegalStateException e;
        try (NDManager manager = NDManager.newBaseManager()) {
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> ParityRunner.run(copy, manager));
        }
        assertTrue(e.getMessage().contains("noise.npz: draw 1 has shape"), e.getMessage());
        assertEquals(2, Main.run("parity", copy.toString()));
    }

    /** A copy of case {@code name} in {@code tmp} with {@code from} replaced by {@code to} in its case.json. */
    private static Path edited(String name, Path tmp, String from, String to) throws IOException {
        Path copy = ccl.testing.Folders.copyTree(CASES.resolve(name), tmp.resolve(name));
        String json = Files.readString(copy.resolve("case.json"));
        assertTrue(json.contains(from), from);
        Files.writeString(copy.resolve("case.json"), json.replace(from, to));
        return copy;
    }
}
