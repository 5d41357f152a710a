package ccl.data;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Writes that either complete or leave nothing: a temp file in the target's folder, then a rename. */
final class AtomicFiles {

    private AtomicFiles() {}

    static void write(Path target, byte[] data) throws IOException {
        Path tmp = tempBeside(target);
        try {
            Files.write(tmp, data);
            Files.move(tmp, target, ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void copy(Path source, Path target) throws IOException {
        Path tmp = tempBeside(target);
        try {
            Files.copy(source, tmp);
            Files.move(tmp, target, ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh temp path next to target, so that moving it onto target is a rename. Only the name is
     * chosen: the writer creates the file, with normal permissions rather than createTempFile's 0600.
     */
    static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** Moves a finished folder into place, replacing an incomplete one left by an earlier attempt. */
    static void replaceDir(Path source, Path target) throws IOException {
        deleteTree(target);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.move(source, target, ATOMIC_MOVE);
    }

    static void deleteTree(Path root) throws IOException {
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
