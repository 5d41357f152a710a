package ccl.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads MNIST-style IDX files (raw or gzip): uint8 images N×H×W (magic 0x803) and labels N (magic 0x801). */
public final class IdxReader {

    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;
    private static final int IMAGE_HEADER = 16;
    private static final int LABEL_HEADER = 8;

    private IdxReader() {}

    public static ImageSet read(Path images, Path labels, int numClasses) {
        byte[] img = FileBytes.readMaybeGzip(images);
        byte[] lab = FileBytes.readMaybeGzip(labels);
        checkHeader(images, img, IMAGE_HEADER, IMAGE_MAGIC, "IDX image file");
        checkHeader(labels, lab, LABEL_HEADER, LABEL_MAGIC, "IDX label file");

        ByteBuffer header = ByteBuffer.wrap(img); // IDX is big-endian, ByteBuffer's default
        long n = Integer.toUnsignedLong(header.getInt(4));
        long rows = Integer.toUnsignedLong(header.getInt(8));
        long cols = Integer.toUnsignedLong(header.getInt(12));
        checkLength(images, img, IMAGE_HEADER + n * rows * cols,
                n + " images of " + rows + "x" + cols);
        long labelCount = Integer.toUnsignedLong(ByteBuffer.wrap(lab).getInt(4));
        checkLength(labels, lab, LABEL_HEADER + labelCount, labelCount + " labels");
        if (labelCount != n) {
            throw new DataFormatException(labels, "as many labels as " + images + " has images (" + n + ")",
                    labelCount + " labels", "The image and label files belong to different sets; use a matching pair.");
        }

        byte[] pixels = Arrays.copyOfRange(img, IMAGE_HEADER, img.length);
        int[] y = FileBytes.labels(labels, lab, LABEL_HEADER, 1, (int) n, 0, numClasses);
        return new ImageSet(pixels, y, 1, (int) rows, (int) cols, numClasses);
    }

    private static void checkHeader(Path file, byte[] data, int headerSize, int magic, String kind) {
        if (data.length < headerSize) {
            throw new DataFormatException(file, "an " + kind + " (at least " + headerSize + " header bytes)",
                    data.length + " bytes", FileBytes.REFETCH);
        }
        int found = ByteBuffer.wrap(data).getInt(0);
        if (found != magic) {
            throw new DataFormatException(file, String.format("an %s (magic 0x%08x)", kind, magic),
                    String.format("magic 0x%08x", found), FileBytes.REFETCH);
        }
    }

    private static void checkLength(Path file, byte[] data, long expected, String what) {
        if (data.length != expected) {
            throw new DataFormatException(file, expected + " bytes for " + what, data.length + " bytes",
                    FileBytes.REFETCH);
        }
    }
}
