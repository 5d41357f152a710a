package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipByContentNotName() throws Exception {
        byte[] images = TestData.idxImages(3, 28, 28);
        Path raw = Files.write(dir.resolve("images"), images);
        Path gz = Files.write(dir.resolve("labels-without-gz-suffix"), TestData.gzip(TestData.idxLabels(4, 0, 9)));

        ImageSet set = IdxReader.read(raw, gz, 10);

        assertEquals(3, set.size());
        assertEquals(1, set.channels());
        assertEquals(28, set.height());
        assertArrayEquals(new int[] {4, 0, 9}, set.labels());
        assertArrayEquals(Arrays.copyOfRange(images, 16, images.length), set.pixels());

        Path gzImages = Files.write(dir.resolve("images.gz"), TestData.gzip(images));
        assertArrayEquals(set.pixels(), IdxReader.read(gzImages, gz, 10).pixels());
    }

    @Test
    void truncatedImagesAreNamed() throws Exception {
        byte[] images = TestData.idxImages(3, 28, 28);
        Path file = Files.write(dir.resolve("short"), Arrays.copyOf(images, images.length - 1));
        Path labels = Files.write(dir.resolve("labels"), TestData.idxLabels(1, 2, 3));

        var e = assertThrows(DataFormatException.class, () -> IdxReader.read(file, labels, 10));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2368 bytes for 3 images of 28x28, found 2367 bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws Exception {
        byte[] gz = TestData.gzip(TestData.idxImages(3, 28, 28));
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path labels = Files.write(dir.resolve("labels"), TestData.idxLabels(1, 2, 3));

        var e = assertThrows(DataFormatException.class, () -> IdxReader.read(file, labels, 10));
        assertTrue(e.getMessage().contains("complete gzip stream"), e.getMessage());
    }

    @Test
    void foreignFileAndWrongMagicAreRefused() throws Exception {
        Path png = dir.resolve("digit.png");
        TestData.writeImage(TestData.solid(28, 28, 0x123456), "png", png);
        Path labels = Files.write(dir.resolve("labels"), TestData.idxLabels(1));

        var e = assertThrows(DataFormatException.class, () -> IdxReader.read(png, labels, 10));
        assertTrue(e.getMessage().contains("expected an IDX image file (magic 0x00000803), found magic 0x89504e47"),
                e.getMessage());

        // A label file where images are expected: right format family, wrong magic.
        Path many = Files.write(dir.resolve("many"), TestData.idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(many, many, 10));
        assertTrue(e.getMessage().contains("found magic 0x00000801"), e.getMessage());
    }

    @Test
    void countMismatchAndLabelRange() throws Exception {
        Path images = Files.write(dir.resolve("images"), TestData.idxImages(2, 28, 28));
        Path three = Files.write(dir.resolve("three"), TestData.idxLabels(1, 2, 3));
        var e = assertThrows(DataFormatException.class, () -> IdxReader.read(images, three, 10));
        assertTrue(e.getMessage().contains("3 labels"), e.getMessage());

        Path bad = Files.write(dir.resolve("bad"), TestData.idxLabels(1, 10));
        e = assertThrows(DataFormatException.class, () -> IdxReader.read(images, bad, 10));
        assertTrue(e.getMessage().contains("expected labels 0..9, found label 10 for sample 1"), e.getMessage());
    }
}
