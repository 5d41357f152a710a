package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

    @TempDir
    Path dir;

    @Test
    void cifar10ConcatenatesFilesInOrder() throws Exception {
        Path a = Files.write(dir.resolve("data_batch_1.bin"), TestData.cifarRecords(new int[][] {{3}, {9}}));
        Path b = Files.write(dir.resolve("data_batch_2.bin"), TestData.cifarRecords(new int[][] {{0}}));

        ImageSet set = CifarReader.readCifar10(List.of(a, b));

        assertArrayEquals(new int[] {3, 9, 0}, set.labels());
        assertEquals(3, set.channels());
        assertEquals(32, set.width());
        assertEquals(10, set.numClasses());
        // Record 1 of file a starts with pixel (1*3 + 0); the first record of b restarts at 0.
        assertEquals(3, set.pixels()[3072]);
        assertEquals(0, set.pixels()[2 * 3072]);
        assertEquals((byte) 255, set.pixels()[255]);
    }

    @Test
    void cifar100FineOrCoarse() throws Exception {
        Path file = Files.write(dir.resolve("train.bin"), TestData.cifarRecords(new int[][] {{19, 99}, {0, 42}}));

        ImageSet fine = CifarReader.readCifar100(file, false);
        ImageSet coarse = CifarReader.readCifar100(file, true);

        assertArrayEquals(new int[] {99, 42}, fine.labels());
        assertEquals(100, fine.numClasses());
        assertArrayEquals(new int[] {19, 0}, coarse.labels());
        assertEquals(20, coarse.numClasses());
        assertArrayEquals(fine.pixels(), coarse.pixels());
        assertEquals(3, fine.pixels()[3072]); // the two label bytes are not pixels
    }

    @Test
    void truncatedFileNamesTheFile() throws Exception {
        byte[] records = TestData.cifarRecords(new int[][] {{1}, {2}});
        Path file = Files.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(records, records.length - 10));

        var e = assertThrows(DataFormatException.class, () -> CifarReader.readCifar10(List.of(file)));
        assertTrue(e.getMessage().startsWith(file + ": expected a CIFAR-10 binary file (a positive multiple of 3073 bytes), "
                + "found 6136 bytes. The file is truncated or not a CIFAR-10 binary file"), e.getMessage());
    }

    @Test
    void labelsOutOfRange() throws Exception {
        Path ten = Files.write(dir.resolve("b.bin"), TestData.cifarRecords(new int[][] {{1}, {10}}));
        var e = assertThrows(DataFormatException.class, () -> CifarReader.readCifar10(List.of(ten)));
        assertTrue(e.getMessage().contains("expected labels 0..9, found label 10 for sample 1"), e.getMessage());

        Path coarse = Files.write(dir.resolve("c.bin"), TestData.cifarRecords(new int[][] {{20, 5}}));
        e = assertThrows(DataFormatException.class, () -> CifarReader.readCifar100(coarse, true));
        assertTrue(e.getMessage().contains("expected labels 0..19, found label 20"), e.getMessage());
    }
}
