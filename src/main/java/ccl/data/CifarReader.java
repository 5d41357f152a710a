package ccl.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the CIFAR binary versions. A CIFAR-10 record is {@code <label><3072 pixels>}, a CIFAR-100
 * record {@code <coarse><fine><3072 pixels>}; pixels are the R, G then B 32×32 planes, row-major,
 * which is already C×H×W.
 */
public final class CifarReader {

    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;

    private CifarReader() {}

    /** Reads and concatenates CIFAR-10 binary files, e.g. data_batch_1.bin..data_batch_5.bin. */
    public static ImageSet readCifar10(List<Path> files) {
        return readRecords(files, 1, 0, 10, "CIFAR-10");
    }

    /** Reads a CIFAR-100 binary file with its fine labels (100 classes) or coarse labels (20 classes). */
    public static ImageSet readCifar100(Path file, boolean coarse) {
        return readRecords(List.of(file), 2, coarse ? 0 : 1, coarse ? 20 : 100, "CIFAR-100");
    }

    private static ImageSet readRecords(List<Path> files, int labelBytes, int labelIndex, int numClasses,
            String format) {
        int recordSize = labelBytes + IMAGE_BYTES;
        byte[][] contents = new byte[files.size()][];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            contents[f] = FileBytes.read(files.get(f));
            if (contents[f].length == 0 || contents[f].length % recordSize != 0) {
                throw new DataFormatException(files.get(f),
                        "a " + format + " binary file (a positive multiple of " + recordSize + " bytes)",
                        contents[f].length + " bytes",
                        "The file is truncated or not a " + format + " binary file; delete it and fetch the dataset again.");
            }
            total += contents[f].length / recordSize;
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(total + " " + format + " records do not fit in one array");
        }

        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        int[] labels = new int[(int) total];
        int next = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] data = contents[f];
            int count = data.length / recordSize;
            int[] fileLabels = FileBytes.labels(files.get(f), data, labelIndex, recordSize, count, 0, numClasses);
            System.arraycopy(fileLabels, 0, labels, next, count);
            for (int r = 0; r < count; r++) {
                System.arraycopy(data, r * recordSize + labelBytes, pixels, (next + r) * IMAGE_BYTES, IMAGE_BYTES);
            }
            next += count;
        }
        return new ImageSet(pixels, labels, CHANNELS, SIDE, SIDE, numClasses);
    }
}
