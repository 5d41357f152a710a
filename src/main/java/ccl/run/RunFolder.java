package ccl.run;

import ccl.config.Config;
import ccl.io.AtomicFiles;
import ccl.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A run's folder: {@code config.yaml}, {@code run.json} (the specification, data provenance, code and
 * status), {@code metrics.jsonl}, {@code best.npz}, {@code checkpoint.npz} and {@code summary.json}.
 * A run holds a lock on {@code .lock} while it uses the folder, so two runs never mix their files.
 */
public final class RunFolder implements AutoCloseable {
    public static final String CONFIG = "config.yaml";
    public static final String RUN = "run.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String BEST = "best.npz";
    public static final String CHECKPOINT = "checkpoint.npz";
    public static final String SUMMARY = "summary.json";
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    public static final String PROBES = "probes.jsonl";
    private static final List<String> RUN_FILES = List.of(CONFIG, RUN, METRICS, BEST, CHECKPOINT, SUMMARY,
            RECONSTRUCTIONS, PROBES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public Path dir() { return dir; }

    public Path file(String name) { return dir.resolve(name); }

    /** Whether {@code dir} holds files of a run (started, finished or interrupted). */
    public static boolean holdsRun(Path dir) {
        return RUN_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)));
    }

    /** Whether a run (in this process or another) holds {@code dir}'s lock now. */
    public static boolean inUse(Path dir) {
        if (!Files.isRegularFile(dir.resolve(".lock"))) {
            return false;
        }
        try {
            lock(dir).close();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * Checks that a new run may use {@code dir}, before anything is written: not a file, and empty of run
     * files unless {@code overwrite}.
     */
    public static void checkNew(Path dir, boolean overwrite) {
        if (dir.toString().isEmpty()) {
            throw new IllegalArgumentException("--out is empty; give a folder for the run, e.g. --out runs/mnist-1");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file; give a folder for the run");
        }
        if (!overwrite && holdsRun(dir)) {
            throw new IllegalArgumentException("--out " + dir + " already holds a run; continue it with 'ccl train "
                    + "--resume " + dir + "', replace it with --overwrite, or choose another --out");
        }
    }

    /** A fresh folder {@code parent/<stem>-<yyyyMMdd-HHmmss-SSS>} (with a suffix if that exists), created and locked. */
    public static RunFolder createUnique(Path parent, String stem) {
        String base = stem + "-" + LocalDateTime.now().format(STAMP);
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path dir = parent.resolve(i == 1 ? base : base + "-" + i);
                try {
                    Files.createDirectory(dir);
                    return lock(dir);
                } catch (FileAlreadyExistsException e) {
                    // another run took this name in the same millisecond: try the next
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Locks {@code dir} (created if missing); with {@code clear}, the files of an earlier run in it are removed. */
    public static RunFolder open(Path dir, boolean clear) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        RunFolder folder = lock(dir);
        try {
            if (clear) {
                for (String f : RUN_FILES) {
                    Files.deleteIfExists(dir.resolve(f));
                }
            }
            folder.removeLeftovers();
        } catch (IOException e) {
            folder.close();
            throw new UncheckedIOException("cannot clear run folder " + dir + ": " + e.getMessage(), e);
        }
        return folder;
    }

    private static RunFolder lock(Path dir) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(dir + " is in use by another run; wait for it or choose another --out");
            }
            return new RunFolder(dir, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException(dir + " is in use by another run in this process; choose another --out");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock run folder " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
    }

    /** Temporary files of writes that a killed process never finished ({@code .NAME.<uuid>.part}). */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".*.part")) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        }
    }

    public void writeConfig(Config config) {
        config.write(file(CONFIG));
    }

    public void writeJson(String name, Map<String, Object> content) {
        AtomicFiles.writeString(file(name), Json.PRETTY.toJson(Json.finite(content)) + "\n");
    }

    public Map<String, Object> readJson(String name) {
        return readJson(file(name));
    }

    /** A JSON object file; a missing, unreadable or malformed one is an error naming it. */
    public static Map<String, Object> readJson(Path file) {
        try {
            return Json.parseObject(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }
}
