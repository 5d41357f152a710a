package ccl.data;

import java.nio.file.Path;

/** The trainer's entry point: a dataset split in memory, obtained first if it is not on disk. */
public final class Datasets {

    private Datasets() {}

    /** Whether a complete copy is under {@code dataDir} (nothing is fetched or hashed). */
    public static boolean present(DatasetId id, Path dataDir) {
        return LocalCopy.find(id, dataDir).isPresent();
    }

    /**
     * Whether a complete copy is under {@code opts.dataDir()} once its sources have been tried (download,
     * then offline sources, as {@link #load} does); false, with the reason logged, when none provides one.
     */
    public static boolean obtain(DatasetId id, DataOptions opts) {
        if (present(id, opts.dataDir())) {
            return true;
        }
        try {
            Fetcher.fetch(id, opts);
            return true;
        } catch (DatasetUnavailableException e) {
            opts.log().accept(e.getMessage());
            return false;
        }
    }

    /**
     * Loads the train or test split. If no complete copy is under {@code opts.dataDir()}, it is
     * obtained first (download, then offline sources); failing that, the exception says how to get it.
     */
    public static ImageSet load(DatasetId id, boolean train, DataOptions opts) {
        Path dir = LocalCopy.find(id, opts.dataDir()).orElseGet(() -> Fetcher.fetch(id, opts));
        return LocalCopy.read(id, dir, train);
    }
}
