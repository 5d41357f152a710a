package ccl.paper;

import ccl.io.AtomicFiles;
import ccl.report.Heatmaps;
import ccl.report.Tables;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An item that is one or more sweeps and a table over their runs: Table 1, Table 3, Fig 7. A quick variant
 * runs one seed with the item's short settings (fewer epochs), into its own folder.
 */
record SweepTable(String name, String what, String cost, List<Path> specs, Map<String, String> quick, String rows,
                  String cols, boolean heatmap) implements PaperItem {
    @Override
    public List<Path> make(Options o) {
        Path folder = o.itemFolder(name);
        List<Path> written = new ArrayList<>();
        for (Path file : specs) {
            SweepSpec spec = o.variant(SweepSpec.load(file), quick);
            String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Path runs = o.runsOf(spec);
            List<Sweeps.Entry> end = o.sweep(spec, p -> true);
            // Only the points' own folders, and no stale one: a run of other settings is not this table's.
            List<Path> current = end.stream().filter(e -> e.state() != Sweeps.State.STALE && Files.isDirectory(e.dir()))
                    .map(Sweeps.Entry::dir).toList();
            if (current.isEmpty()) {
                System.err.println(name + ": no run of " + file + "'s settings yet, so no table of it; see " + runs);
                continue;
            }
            Tables.Table table = Tables.build(Tables.collect(current), rows, cols);
            written.add(write(folder.resolve(stem + ".md"), "# " + what + (o.quick() ? " (quick variant)" : "")
                    + "\n\n" + Tables.markdown(table)));
            written.add(write(folder.resolve(stem + ".csv"), Tables.csv(table)));
            written.add(write(folder.resolve(stem + ".html"), Tables.html(table, what)));
            if (heatmap) {
                Path png = folder.resolve(stem + ".png");
                Heatmaps.write(table, stem, png);
                written.add(png);
            }
            long failed = end.stream().filter(e -> e.state() == Sweeps.State.FAILED).count();
            long stale = end.stream().filter(e -> e.state() == Sweeps.State.STALE).count();
            if (failed + stale > 0) {
                System.err.println(name + ": " + failed + " points failed, " + stale + " stale (left out of the table); see "
                        + runs.resolve(Sweeps.INDEX));
            }
        }
        if (written.isEmpty()) {
            throw new IllegalStateException(name + ": none of its sweeps has a run of its settings yet");
        }
        return written;
    }

    private static Path write(Path file, String text) {
        AtomicFiles.writeString(file, text);
        return file;
    }
}
