package ccl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigWriteTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mnist_ccl.yaml", "mnist_bp.yaml", "cifar10_ccl_cnn.yaml", "stl10_ccl_legacy.yaml"})
    void writeThenLoadGivesTheSameConfig(String name) {
        Config original = Config.load(Resources.reference(name));
        Path out = dir.resolve("out").resolve(name);

        original.write(out);

        assertEquals(original, Config.load(out));
    }

    @Test
    void writtenFileHasTheThreeSectionsInOrder() throws IOException {
        Path out = dir.resolve("config.yaml");
        Config.load(Resources.reference("cifar10_ccl_cnn.yaml")).write(out);

        String text = Files.readString(out);

        assertTrue(text.indexOf("method:\n") < text.indexOf("\ndataset:\n"));
        assertTrue(text.indexOf("\ndataset:\n") < text.indexOf("\ntraining:\n"));
        assertTrue(text.contains("  lr_F: 1.0\n"));
        assertTrue(text.contains("  batchsize: 128\n"));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path out = Resources.write(dir, "config.yaml", "old contents");
        Config c = Config.load(Resources.reference("mnist_ccl.yaml"));

        c.write(out);

        assertEquals(c, Config.load(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void theFileGetsTheSamePermissionsAsAnyOtherNewFile() throws IOException {
        Path out = dir.resolve("config.yaml");
        Path other = Files.writeString(dir.resolve("other.txt"), "x");

        Config.load(Resources.reference("mnist_ccl.yaml")).write(out);

        // createTempFile made it 0600, unreadable to the rest of a group sharing the run folders.
        assertEquals(Files.getPosixFilePermissions(other), Files.getPosixFilePermissions(out));
    }

    @Test
    void overriddenValuesAreWritten() {
        Path out = dir.resolve("config.yaml");
        Config c = Config.load(Resources.reference("mnist_ccl.yaml")).withOverrides(Map.of("epochs", "3"));

        c.write(out);

        assertEquals(3, Config.load(out).getInt("epochs"));
    }
}
