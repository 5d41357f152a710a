package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarExtractorTest {

    @TempDir
    Path dir;

    @Test
    void extractsFilesAndFolders() throws Exception {
        Path archive = dir.resolve("ok.tar.gz");
        TestData.tarGz(archive, Map.of("top/a.bin", new byte[] {1, 2}, "top/sub/../b.bin", new byte[] {3}));

        TarExtractor.extractTarGz(archive, dir.resolve("out"));

        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(dir.resolve("out/top/a.bin")));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(dir.resolve("out/top/b.bin")));
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws Exception {
        for (String name : new String[] {"../evil", "/tmp/ccl-evil-absolute", "a/../../evil"}) {
            Path archive = dir.resolve("bad.tar.gz");
            TestData.tarGz(archive, Map.of(name, new byte[] {6}));

            var e = assertThrows(DataFormatException.class, () -> TarExtractor.extractTarGz(archive, dir.resolve("out")));

            assertTrue(e.getMessage().contains("expected entries inside the target folder"), e.getMessage());
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("evil")));
        assertFalse(Files.exists(Path.of("/tmp/ccl-evil-absolute")));
    }

    @Test
    void refusesLinks() throws Exception {
        Path archive = dir.resolve("link.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(archive)))) {
            TarArchiveEntry link = new TarArchiveEntry("escape", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }

        var e = assertThrows(DataFormatException.class, () -> TarExtractor.extractTarGz(archive, dir.resolve("out")));

        assertTrue(e.getMessage().contains("found the link escape -> /etc"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/escape")));
    }

    @Test
    void truncatedArchiveIsReported() throws Exception {
        Path archive = dir.resolve("ok.tar.gz");
        TestData.tarGz(archive, Map.of("a.bin", new byte[5000]));
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        var e = assertThrows(DataFormatException.class, () -> TarExtractor.extractTarGz(archive, dir.resolve("out")));
        assertTrue(e.getMessage().contains("expected a complete .tar.gz archive"), e.getMessage());
    }
}
