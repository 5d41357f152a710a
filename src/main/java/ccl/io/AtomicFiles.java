package ccl.io;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Writes that either complete or leave nothing: a temporary file in the target's folder, then a rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Body body) throws IOException {
        Path tmp = tempBeside(target);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(Path target, byte[] data) throws IOException {
        write(target, out -> out.write(data));
    }

    /** For results files: a failure is unchecked and names the file. */
    public static void writeString(Path target, String content) {
        try {
            write(target, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** For images: a failure is unchecked and names the file. */
    public static void writePng(Path target, RenderedImage image) {
        try {
            write(target, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer for this image");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void copy(Path source, Path target) throws IOException {
        write(target, out -> Files.copy(source, out));
    }

    /**
     * A fresh temporary path next to target, so that moving it onto target is a rename. Only the name is
     * chosen: the writer creates the file, with normal permissions rather than createTempFile's 0600.
     */
    public static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** Moves a finished folder into place, replacing an incomplete one left by an earlier attempt. */
    public static void replaceDir(Path source, Path target) throws IOException {
        deleteTree(target);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(source, target, ATOMIC_MOVE);
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
