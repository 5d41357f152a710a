package ccl.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What {@code ccl datasets} shows: for each dataset, where it is on disk or how to get it. */
public final class DatasetCatalog {

    /** One dataset: its folder if a complete copy is on disk, else how to get it. */
    public record Row(DatasetId id, Optional<Path> location, String howToGet) {
        public boolean present() {
            return location.isPresent();
        }
    }

    private DatasetCatalog() {}

    public static List<Row> rows(DataOptions opts) {
        return Arrays.stream(DatasetId.values()).map(id -> {
            Optional<Path> location = LocalCopy.find(id, opts.dataDir());
            return new Row(id, location, location.isPresent() ? "" : Fetcher.howToGet(id, opts));
        }).toList();
    }

    /** A plain-text table: dataset, status (present: path / missing), how to get it. */
    public static String format(List<Row> rows) {
        int width = Math.max("DATASET".length(), rows.stream().mapToInt(r -> r.id().configName().length()).max().orElse(0));
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s  %s%n", "DATASET", "STATUS"));
        for (Row row : rows) {
            String status = row.location().map(p -> "present: " + p).orElse("missing; to get it: " + row.howToGet());
            out.append(String.format("%-" + width + "s  %s%n", row.id().configName(), status));
        }
        return out.toString();
    }
}
