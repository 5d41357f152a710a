package ccl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        DatasetCatalog.Row stl = rows.get(DatasetId.STL10.ordinal());
        assertFalse(stl.present());
        assertEquals("download http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz and extract it into "
                + dir.resolve("STL10") + "/", stl.howToGet());
        assertTrue(rows.get(DatasetId.FASHION_MNIST.ordinal()).howToGet().contains("apt-get install dataset-fashion-mnist"));

        String table = DatasetCatalog.format(rows);
        assertTrue(table.startsWith("DATASET       STATUS\nMNIST         present: " + mnist + "\n"), table);
        assertTrue(table.contains("STL10         missing; to get it: download http://ai.stanford.edu"), table);
    }
}
