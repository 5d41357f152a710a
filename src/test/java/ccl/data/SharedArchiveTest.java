package ccl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shared CIFAR-10 JPEG archive, when this checkout has one, has the layout the cache builder expects. */
class SharedArchiveTest {

    @Test
    void sharedArchiveHolds60000Images() throws Exception {
        Path archive = DataOptions.defaults().sharedCifar10Jpeg();
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
