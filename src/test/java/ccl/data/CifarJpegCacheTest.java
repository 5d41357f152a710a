package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 from an image-folder archive of JPEGs, cached in the binary layout. */
class CifarJpegCacheTest {

    @TempDir
    Path dir;

    /** An archive like the shared one: cifar10-jpeg/{train,test}/<class>/NNNN.jpg, one grey level per class. */
    private Path jpegArchive(String name, Iterable<String> classes) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        int c = 0;
        for (String cls : classes) {
            byte[] jpg = TestData.encode(TestData.solid(32, 32, c * 20 * 0x010101), "jpg");
            files.put("cifar10-jpeg/train/" + cls + "/0000.jpg", jpg);
            files.put("cifar10-jpeg/train/" + cls + "/0001.jpg", jpg);
            files.put("cifar10-jpeg/test/" + cls + "/0000.jpg", jpg);
            c++;
        }
        Path archive = dir.resolve(name);
        TestData.tarGz(archive, files);
        return archive;
    }

    private DataOptions options() {
        return DataOptions.defaults().withDataDir(dir.resolve("data")).withSharedDir(dir.resolve("shared"))
                .withDownload(false).withLog(line -> { });
    }

    @Test
    void userArchiveIsDecodedOnceAndCached() throws Exception {
        Path archive = jpegArchive("mine.tar.gz", CifarJpegCache.CLASSES);
        DataOptions opts = options().withCifar10Archive(archive);

        ImageSet train = Datasets.load(DatasetId.CIFAR10, true, opts);

        assertEquals(20, train.size());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9}, train.labels());
        assertTrue(Math.abs((train.pixels()[2 * 3072] & 0xff) - 20) <= 3, "class 1 is grey level 20");
        Path cache = dir.resolve("data/cifar10-jpeg");
        assertTrue(Files.readString(cache.resolve("README.txt")).contains("decoded from the JPEG copy"));

        Files.delete(archive); // later loads come from the cache
        assertEquals(10, Datasets.load(DatasetId.CIFAR10, false, opts).size());
        assertTrue(DatasetCatalog.rows(opts).get(DatasetId.CIFAR10.ordinal()).location().orElseThrow().endsWith("cifar10-jpeg"));
        try (var left = Files.list(dir.resolve("data"))) {
            assertEquals(1, left.count(), "only the cache remains, no scratch folder");
        }
    }

    /**
     * The shared folder's lossless archive is the offline source; its files must be the published ones
     * (a wrong file is named, nothing is installed); the JPEG copy beside it is never read unless named.
     */
    @Test
    void theSharedLosslessArchiveMustHoldThePublishedFiles() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared/datasets"));
        Files.move(jpegArchive("x.tar.gz", CifarJpegCache.CLASSES), shared.resolve("cifar10-jpeg.tar.gz"));
        Path made = Files.createDirectories(dir.resolve("made"));
        ImageSet one = new ImageSet(new byte[3072], new int[] {7}, 3, 32, 32, 10);
        CifarWriter.writeCifar10(one, one, made);
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (String name : LocalCopy.fileNames(DatasetId.CIFAR10)) {
            entries.put("cifar-10-batches-bin/" + name, Files.readAllBytes(made.resolve(name)));
        }
        TestData.tarGz(shared.resolve("cifar-10-binary.tar.gz"), entries);

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Datasets.load(DatasetId.CIFAR10, false, options()));

        assertTrue(e.getMessage().contains("cifar-10-binary.tar.gz") && e.getMessage().contains("data_batch_1.bin")
                && e.getMessage().contains("other MD5s than the published ones"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/CIFAR10")), "nothing installed");
        assertFalse(Files.exists(dir.resolve("data/cifar10-jpeg")), "the JPEG copy was not read");
    }

    @Test
    void officialBinaryTakesPrecedence() throws Exception {
        Path archive = jpegArchive("mine.tar.gz", CifarJpegCache.CLASSES);
        DataOptions opts = options().withCifar10Archive(archive);
        Datasets.load(DatasetId.CIFAR10, true, opts);

        Path official = Files.createDirectories(dir.resolve("data/CIFAR10/cifar-10-batches-bin"));
        ImageSet one = new ImageSet(new byte[3072], new int[] {7}, 3, 32, 32, 10);
        CifarWriter.writeCifar10(one, one, official);

        assertArrayEquals(new int[] {7}, Datasets.load(DatasetId.CIFAR10, false, opts).labels());
    }

    @Test
    void wrongClassesAreRefusedAndNothingIsCached() throws Exception {
        Path archive = jpegArchive("cats.tar.gz", java.util.List.of("cat", "dog"));

        var e = assertThrows(DataFormatException.class,
                () -> Datasets.load(DatasetId.CIFAR10, true, options().withCifar10Archive(archive)));

        assertTrue(e.getMessage().contains("found folders [cat, dog]"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/cifar10-jpeg")));
    }
}
