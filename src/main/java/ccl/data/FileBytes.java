package ccl.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Whole-file reads and label decoding shared by the binary readers. */
final class FileBytes {

    static final String REFETCH = "The file is truncated or of another kind; delete it and fetch the dataset again.";

    private FileBytes() {}

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    /** Reads a file, decompressing it when it starts with the gzip magic bytes 1f 8b (whatever its name). */
    static byte[] readMaybeGzip(Path file) {
        byte[] raw = read(file);
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new DataFormatException(file, "a complete gzip stream", "a broken one (" + e.getMessage() + ")", REFETCH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decompress " + file + ": " + e, e);
        }
    }

    /**
     * Decodes {@code count} unsigned byte labels found every {@code stride} bytes from {@code offset},
     * shifting them by {@code base} so that they land in 0..numClasses-1.
     */
    static int[] labels(Path file, byte[] data, int offset, int stride, int count, int base, int numClasses) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int raw = data[offset + i * stride] & 0xff;
            labels[i] = raw - base;
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new DataFormatException(file, "labels " + base + ".." + (base + numClasses - 1),
                        "label " + raw + " for sample " + i, REFETCH);
            }
        }
        return labels;
    }
}
