package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path root;

    @Test
    void readsPngAndJpegInSortedOrder() throws Exception {
        TestData.writeImage(TestData.solid(4, 3, 0xff0000), "png", root.resolve("zebra/b.png"));
        TestData.writeImage(TestData.solid(4, 3, 0x00ff00), "png", root.resolve("zebra/a.PNG"));
        TestData.writeImage(TestData.solid(4, 3, 0x808080), "jpg", root.resolve("Ant/x.jpg"));
        Files.writeString(root.resolve("zebra/notes.txt"), "ignored");

        ImageSet set = ImageFolderReader.read(root);

        assertEquals(List.of("Ant", "zebra"), ImageFolderReader.classNames(root)); // String order: upper case first
        assertArrayEquals(new int[] {0, 1, 1}, set.labels());
        assertEquals(3, set.channels());
        assertEquals(3, set.height());
        assertEquals(4, set.width());
        assertEquals(2, set.numClasses());
        int plane = 12;
        // Sample 1 is zebra/a.PNG (green), sample 2 zebra/b.png (red); planes are R, G, B.
        assertEquals(0, set.pixels()[set.sampleSize()]);
        assertEquals((byte) 255, set.pixels()[set.sampleSize() + plane]);
        assertEquals((byte) 255, set.pixels()[2 * set.sampleSize()]);
        assertEquals(0, set.pixels()[2 * set.sampleSize() + 2 * plane]);
        // JPEG is lossy: grey stays near 128.
        assertTrue(Math.abs((set.pixels()[0] & 0xff) - 128) <= 3);
    }

    @Test
    void oddSizeNamesTheFile() throws Exception {
        TestData.writeImage(TestData.solid(4, 4, 0), "png", root.resolve("a/1.png"));
        Path odd = root.resolve("b/2.png");
        TestData.writeImage(TestData.solid(5, 4, 0), "png", odd);

        var e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root));
        assertTrue(e.getMessage().startsWith(odd + ": expected 4x4 pixels"), e.getMessage());
    }

    @Test
    void undecodableFileAndEmptyFolder() throws Exception {
        Files.createDirectories(root.resolve("a"));
        var e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root));
        assertTrue(e.getMessage().contains("expected images"), e.getMessage());

        Path bad = Files.writeString(root.resolve("a/broken.jpg"), "not a jpeg");
        e = assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
