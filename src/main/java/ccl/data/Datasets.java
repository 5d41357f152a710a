package ccl.data;

import java.nio.file.Path;

/** The trainer's entry point: a dataset split in memory, obtained first if it is not on disk. */
public final class Datasets {

    private Datasets() {}

    /**
     * Loads the train or test split. If no complete copy is under {@code opts.dataDir()}, it is
     * obtained first (download, then offline sources); failing that, the exception says how to get it.
     */
    /** Whether a complete copy is under {@code dataDir} (nothing is fetched or hashed). */
    public static boolean present(DatasetId id, Path dataDir) {
        return LocalCopy.find(id, dataDir).isPresent();
    }

    public static ImageSet load(DatasetId id, boolean train, DataOptions opts) {
        Path dir = LocalCopy.find(id, opts.dataDir()).orElseGet(() -> Fetcher.fetch(id, opts));
        return LocalCopy.read(id, dir, train);
    }
}
