package ccl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    @TempDir
    Path dir;

    @Test
    void reportsPresentAndMissing() throws Exception {
        Path mnist = Files.createDirectories(dir.resolve("MNIST"));
        for (String name : LocalCopy.fileNames(DatasetId.MNIST)) {
            Files.write(mnist.resolve(name + ".gz"), new byte[] {1});
        }
        DataOptions opts = DataOptions.defaults().withDataDir(dir).withSharedDir(dir.resolve("shared"));

        List<DatasetCatalog.Row> rows = DatasetCatalog.rows(opts);

        assertEquals(DatasetId.values().length, rows.size());
        assertEquals(mnist, rows.get(0).location().orElseThrow());
        assertEquals("", rows.get(0).howToGet());
        // All four files are there but none is the published file: a truncated download looks like this.
        assertEquals(4, rows.get(0).copy().orElseThrow().altered().size());
        assertFalse(rows.get(0).copy().orElseThrow().official());
        DatasetCatalog.Row stl = rows.get(DatasetId.STL10.ordinal());
        assertFalse(stl.present());
        assertEquals("download http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz and extract it into "
                + dir.resolve("STL10") + "/", stl.howToGet());
        assertTrue(rows.get(DatasetId.FASHION_MNIST.ordinal()).howToGet().contains("apt-get install dataset-fashion-mnist"));

        String table = DatasetCatalog.format(rows);
        assertTrue(table.startsWith("DATASET       STATUS\nMNIST         present: " + mnist + "; not the official files: "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"
                + " differ from the published ones (truncated or altered?); delete them and run again to fetch them\n"), table);
        assertTrue(table.contains("STL10         missing; to get it: download http://ai.stanford.edu"), table);
    }

    @Test
    void cifar100SaysHowToRebuildItOfflineWhereTheSharedToolIsThere() throws Exception {
        Path shared = dir.resolve("shared");
        DataOptions opts = DataOptions.defaults().withDataDir(dir).withSharedDir(shared);
        String without = DatasetCatalog.rows(opts).get(DatasetId.CIFAR100.ordinal()).howToGet();
        Files.createDirectories(shared.resolve("tools"));
        Files.writeString(shared.resolve("tools/rebuild-cifar100"), "#!/bin/bash\n");

        String with = DatasetCatalog.rows(opts).get(DatasetId.CIFAR100.ordinal()).howToGet();

        assertFalse(without.contains("rebuild-cifar100"), without);
        assertTrue(with.contains("github.com/Taragon123/Taragon123.github.io") && with.contains(
                shared.resolve("tools/rebuild-cifar100") + " MIRROR " + dir.resolve("CIFAR100")), with);
    }

    @Test
    void aCopyIsOfficialOnlyWhenEveryPublishedMd5Matches() {
        Map<String, String> md5 = Map.of("test.bin", "x");
        assertEquals("the official files (every MD5 verified)",
                new DataProvenance.Check(dir, false, md5, List.of(), List.of(), List.of()).copy());
        DataProvenance.Check unknown = new DataProvenance.Check(dir, false, md5, List.of(), List.of("test_X.bin"), List.of());
        assertFalse(unknown.official());
        assertEquals("no published MD5 known for test_X.bin", unknown.copy());
        assertFalse(new DataProvenance.Check(dir, true, md5, List.of(), List.of(), List.of()).official());
    }

    @Test
    void aGzipFileIsCheckedByItsContentsWhenOnlyItsHeaderDiffers() throws Exception {
        byte[] content = "IDX bytes".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(content);
        }
        byte[] bytes = gz.toByteArray();
        bytes[4] = 0x5e; // another time stamp, as Debian's packaging writes
        Path file = Files.write(dir.resolve("f.gz"), bytes);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
        assertEquals(expected, DataProvenance.gunzippedMd5(file));
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        assertEquals("", DataProvenance.gunzippedMd5(file), "a truncated file has no contents to check");
    }

    /** Debian's dataset-fashion-mnist (installed by .ci/run): the published archives with their gzip header rewritten. */
    @Test
    void debiansFashionMnistIsTheOfficialContents() {
        Path debian = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(LocalCopy.complete(debian, LocalCopy.fileNames(DatasetId.FASHION_MNIST)),
                "skipped: Debian's dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
        DataProvenance.Check check = DataProvenance.check(DatasetId.FASHION_MNIST, debian, dir);
        assertTrue(check.official(), check.copy());
        assertEquals(4, check.byContent().size(), check.copy());
    }
}
