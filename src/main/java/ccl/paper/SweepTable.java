package ccl.paper;

import ccl.io.AtomicFiles;
import ccl.report.Heatmaps;
import ccl.report.Tables;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An item that is one or more sweeps and a table over their runs: Table 1, Table 3, Fig 7. A quick variant
 * runs one seed with the item's short settings (fewer epochs), into its own folder.
 */
record SweepTable(String name, String what, String cost, List<Path> specs, Map<String, String> quick, String rows,
                  String cols, Layout layout) implements PaperItem {
    /** How the item's runs become files. */
    enum Layout {
        /** One table, named after the item, over every spec's runs: the paper's Table 1 is one table of all rules. */
        ONE_TABLE,
        /** A table and a heatmap per spec, named after it: Fig 7 is one heatmap per dataset. */
        HEATMAP_PER_SPEC
    }

    @Override
    public List<Path> make(Options o) {
        // Each spec's current runs, by the stem of its file.
        Map<String, List<Path>> runsBySpec = new LinkedHashMap<>();
        for (Path file : specs) {
            SweepSpec spec = o.variant(SweepSpec.load(file), quick);
            Path runs = o.runsOf(spec);
            List<Sweeps.Entry> end = o.sweep(spec, p -> true);
            // Only the points' own folders, and no stale one: a run of other settings is not this table's.
            List<Path> current = end.stream().filter(e -> e.state() != Sweeps.State.STALE && Files.isDirectory(e.dir()))
                    .map(Sweeps.Entry::dir).toList();
            long failed = end.stream().filter(e -> e.state() == Sweeps.State.FAILED).count();
            long stale = end.stream().filter(e -> e.state() == Sweeps.State.STALE).count();
            if (failed + stale > 0) {
                System.err.println(name + ": " + failed + " points failed, " + stale + " stale (left out of the table); see "
                        + runs.resolve(Sweeps.INDEX));
            }
            if (current.isEmpty()) {
                System.err.println(name + ": no run of " + file + "'s settings yet, so no table of it; see " + runs);
                continue;
            }
            runsBySpec.put(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), current);
        }
        if (runsBySpec.isEmpty()) {
            throw new IllegalStateException(name + ": none of its sweeps has a run of its settings yet");
        }
        Path folder = o.itemFolder(name);
        List<Path> written = new ArrayList<>();
        if (layout == Layout.ONE_TABLE) {
            written.addAll(write(folder, name, table(runsBySpec.values().stream().flatMap(List::stream).toList()), o.quick()));
        } else {
            runsBySpec.forEach((stem, runs) -> {
                Tables.Table table = table(runs);
                written.addAll(write(folder, stem, table, o.quick()));
                Path png = folder.resolve(stem + ".png");
                Heatmaps.write(table, stem, png);
                written.add(png);
            });
        }
        return written;
    }

    private Tables.Table table(List<Path> runs) {
        return Tables.build(Tables.collect(runs), rows, cols);
    }

    /** {@code stem}.md, .csv and .html. */
    private List<Path> write(Path folder, String stem, Tables.Table table, boolean quick) {
        return List.of(
                write(folder.resolve(stem + ".md"), "# " + what + (quick ? " (quick variant)" : "") + "\n\n"
                        + Tables.markdown(table)),
                write(folder.resolve(stem + ".csv"), Tables.csv(table)),
                write(folder.resolve(stem + ".html"), Tables.html(table, what)));
    }

    private static Path write(Path file, String text) {
        AtomicFiles.writeString(file, text);
        return file;
    }
}
