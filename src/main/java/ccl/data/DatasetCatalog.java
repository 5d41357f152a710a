package ccl.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What {@code ccl datasets} shows: for each dataset, where it is on disk or how to get it. */
public final class DatasetCatalog {

    /** One dataset: the check of its copy if a complete one is on disk, else how to get it. */
    public record Row(DatasetId id, Optional<DataProvenance.Check> copy, String howToGet) {
        public boolean present() {
            return copy.isPresent();
        }

        public Optional<Path> location() {
            return copy.map(DataProvenance.Check::folder);
        }
    }

    private DatasetCatalog() {}

    public static List<Row> rows(DataOptions opts) {
        return Arrays.stream(DatasetId.values()).map(id -> {
            // Every file is hashed: a truncated download has all its files and only its MD5 tells.
            Optional<DataProvenance.Check> copy = LocalCopy.find(id, opts.dataDir())
                    .map(dir -> DataProvenance.check(id, dir, opts.dataDir()));
            return new Row(id, copy, copy.isPresent() ? "" : Fetcher.howToGet(id, opts));
        }).toList();
    }

    /** A plain-text table: dataset, status (present: path, which copy / missing), how to get it. */
    public static String format(List<Row> rows) {
        int width = Math.max("DATASET".length(), rows.stream().mapToInt(r -> r.id().configName().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s  %s%n", "DATASET", "STATUS"));
        for (Row row : rows) {
            String status = row.copy().map(c -> "present: " + c.folder() + "; " + c.copy())
                    .orElse("missing; to get it: " + row.howToGet());
            out.append(String.format("%-" + width + "s  %s%n", row.id().configName(), status));
        }
        return out.toString();
    }
}
