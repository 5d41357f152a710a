package ccl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Folder copies for tests that damage or edit a copy of a shipped case. */
public final class Folders {
    private Folders() {
    }

    /** Copies {@code src} and everything below it to {@code dst}; returns {@code dst}. */
    public static Path copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path target = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return dst;
    }
}
