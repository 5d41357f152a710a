package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10ReaderTest {

    private static final int SIDE = 96;

    @TempDir
    Path dir;

    /** Two images stored the STL-10 way: each plane column-major, value = channel*50 + row (a non-symmetric pattern). */
    private static byte[] columnMajorImages(int n) {
        byte[] x = new byte[n * 3 * SIDE * SIDE];
        for (int img = 0; img < n; img++) {
            for (int c = 0; c < 3; c++) {
                int base = (img * 3 + c) * SIDE * SIDE;
                for (int col = 0; col < SIDE; col++) {
                    for (int row = 0; row < SIDE; row++) {
                        x[base + col * SIDE + row] = (byte) (img + c * 50 + row);
                    }
                }
            }
        }
        return x;
    }

    @Test
    void transposesPlanesAndShiftsLabels() throws Exception {
        Path x = Files.write(dir.resolve("train_X.bin"), columnMajorImages(2));
        Path y = Files.write(dir.resolve("train_y.bin"), new byte[] {1, 10});

        ImageSet set = Stl10Reader.read(x, y);

        assertArrayEquals(new int[] {0, 9}, set.labels());
        assertEquals(96, set.height());
        int plane = SIDE * SIDE;
        // Row-major now: along a row the value stays, down a column it grows with the row.
        assertEquals(5, set.pixels()[5 * SIDE + 70]);
        assertEquals(70, set.pixels()[70 * SIDE + 5]);
        assertEquals(50 + 7, set.pixels()[plane + 7 * SIDE]);
        assertEquals(1 + 100 + 3, set.pixels()[3 * plane + 2 * plane + 3 * SIDE + 90]);
    }

    @Test
    void refusesTruncatedMismatchedAndBadLabels() throws Exception {
        byte[] images = columnMajorImages(2);
        Path cut = Files.write(dir.resolve("cut_X.bin"), java.util.Arrays.copyOf(images, images.length - 1));
        Path x = Files.write(dir.resolve("x.bin"), images);
        Path y = Files.write(dir.resolve("y.bin"), new byte[] {1, 2});

        var e = assertThrows(DataFormatException.class, () -> Stl10Reader.read(cut, y));
        assertTrue(e.getMessage().contains(cut + ": expected an STL-10 image file (a positive multiple of 27648 bytes)"),
                e.getMessage());

        Path one = Files.write(dir.resolve("one.bin"), new byte[] {1});
        e = assertThrows(DataFormatException.class, () -> Stl10Reader.read(x, one));
        assertTrue(e.getMessage().contains("found 1 bytes"), e.getMessage());

        Path zero = Files.write(dir.resolve("zero.bin"), new byte[] {0, 11});
        e = assertThrows(DataFormatException.class, () -> Stl10Reader.read(x, zero));
        assertTrue(e.getMessage().contains("expected labels 1..10, found label 0 for sample 0"), e.getMessage());
    }
}
