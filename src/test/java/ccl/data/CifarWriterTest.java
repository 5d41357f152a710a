package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesWhatTheReaderReadsBack() throws Exception {
        int n = 7;
        byte[] pixels = new byte[n * 3072];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        ImageSet train = new ImageSet(pixels, new int[] {0, 1, 2, 3, 4, 5, 9}, 3, 32, 32, 10);
        ImageSet test = new ImageSet(Arrays.copyOf(pixels, 3072), new int[] {8}, 3, 32, 32, 10);

        CifarWriter.writeCifar10(train, test, dir);

        ImageSet back = LocalCopy.read(DatasetId.CIFAR10, dir, true);
        assertArrayEquals(train.pixels(), back.pixels());
        assertArrayEquals(train.labels(), back.labels());
        assertArrayEquals(test.labels(), LocalCopy.read(DatasetId.CIFAR10, dir, false).labels());
    }
}
