package ccl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared CIFAR-10 archives, when this checkout has them: the lossless one installs as the official files. */
class SharedArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theLosslessArchiveIsTheOfflineSourceAndInstallsTheOfficialFiles() {
        DataOptions shared = DataOptions.defaults();
        Assumptions.assumeTrue(Files.isRegularFile(shared.sharedCifar10()),
                "skipped: no lossless CIFAR-10 archive at " + shared.sharedCifar10().toAbsolutePath());
        List<String> log = new ArrayList<>();
        DataOptions opts = shared.withDataDir(dir.resolve("data")).withDownload(false).withLog(log::add);

        ImageSet test = Datasets.load(DatasetId.CIFAR10, false, opts);

        assertEquals(10_000, test.size());
        assertEquals(true, DataProvenance.describe(DatasetId.CIFAR10, opts).get("official"));
        assertTrue(log.get(log.size() - 1).contains("the official files byte for byte"), log.toString());
    }

    @Test
    void theJpegArchiveHolds60000Images() throws Exception {
        // Lossy; read only when named with --cifar10-archive.
        Path archive = DataOptions.defaults().sharedDir().resolve("datasets").resolve("cifar10-jpeg.tar.gz");
        Assumptions.assumeTrue(Files.isRegularFile(archive), "skipped: no shared CIFAR-10 archive at " + archive.toAbsolutePath());

        int train = 0;
        int test = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile() && e.getName().endsWith(".jpg")) {
                    if (e.getName().startsWith("cifar10-jpeg/train/")) {
                        train++;
                    } else if (e.getName().startsWith("cifar10-jpeg/test/")) {
                        test++;
                    }
                }
            }
        }
        assertEquals(50000, train);
        assertEquals(10000, test);
    }
}
