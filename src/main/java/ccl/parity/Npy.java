package ccl.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Reads one NumPy {@code .npy} array by wrapping it as a one-entry {@code .npz}, which DJL decodes. */
final class Npy {
    private Npy() {
    }

    static NDArray read(Path file, NDManager manager) {
        try {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(zip)) {
                z.putNextEntry(new ZipEntry("a.npy"));
                z.write(Files.readAllBytes(file));
                z.closeEntry();
            }
            return NDList.decode(manager, new ByteArrayInputStream(zip.toByteArray())).singletonOrThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // DJL says only "Malformed data" for a truncated file.
            throw new IllegalArgumentException(file + " is not a readable NumPy .npy array (" + e.getMessage()
                    + "); record the case again", e);
        }
    }
}
