package ccl.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where datasets live and how a missing one may be obtained.
 *
 * @param dataDir datasets are kept under dataDir/&lt;configName&gt;/
 * @param sharedDir the project's shared folder; the lossless CIFAR-10 archive is datasets/cifar-10-binary.tar.gz in it
 * @param cifar10Archive a user-given CIFAR-10 image-folder archive (.tar.gz, e.g. the lossy JPEG copy), or null
 * @param allowDownload whether the network (official URLs, npm, apt) may be used
 * @param remotes replacements for {@link Remote#official}, e.g. a mirror or a test server
 * @param log receives one line per source that was tried and failed
 */
public record DataOptions(Path dataDir, Path sharedDir, Path cifar10Archive, boolean allowDownload,
        Map<DatasetId, Remote> remotes, Consumer<String> log) {

    public DataOptions {
        remotes = Map.copyOf(remotes);
    }

    /**
     * data/ in the working directory; the shared folder from -Dccl.shared, else ../shared beside the project
     * (-Dccl.home, which the launcher sets, else the working directory); downloads allowed.
     */
    public static DataOptions defaults() {
        Path home = Path.of(System.getProperty("ccl.home", "."));
        Path shared = Path.of(System.getProperty("ccl.shared", home.resolve("../shared").toString()));
        return new DataOptions(Path.of("data"), shared, null, true, Map.of(), line -> System.err.println("[data] " + line));
    }

    public DataOptions withDataDir(Path dir) {
        return new DataOptions(dir, sharedDir, cifar10Archive, allowDownload, remotes, log);
    }

    public DataOptions withSharedDir(Path dir) {
        return new DataOptions(dataDir, dir, cifar10Archive, allowDownload, remotes, log);
    }

    public DataOptions withCifar10Archive(Path archive) {
        return new DataOptions(dataDir, sharedDir, archive, allowDownload, remotes, log);
    }

    public DataOptions withDownload(boolean allowed) {
        return new DataOptions(dataDir, sharedDir, cifar10Archive, allowed, remotes, log);
    }

    public DataOptions withRemote(DatasetId id, Remote remote) {
        Map<DatasetId, Remote> copy = new HashMap<>(remotes);
        copy.put(id, remote);
        return new DataOptions(dataDir, sharedDir, cifar10Archive, allowDownload, copy, log);
    }

    public DataOptions withLog(Consumer<String> sink) {
        return new DataOptions(dataDir, sharedDir, cifar10Archive, allowDownload, remotes, sink);
    }

    public Remote remote(DatasetId id) {
        return remotes.getOrDefault(id, Remote.official(id));
    }

    /** CIFAR-10's official binary files, byte for byte, in the layout of the official archive. */
    public Path sharedCifar10() {
        return sharedDir.resolve("datasets").resolve("cifar-10-binary.tar.gz");
    }
}
