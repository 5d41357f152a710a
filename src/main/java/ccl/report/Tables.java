package ccl.report;

import ccl.config.Config;
import ccl.run.RunFolder;
import ccl.sweep.Sweeps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Results of many runs as a table: rows and columns by config keys, each cell the mean ± sample standard
 * deviation over its finished runs (test accuracy in %, or the autoencoder's test MSE) with their number;
 * per column the best cell and the second best are marked, as the paper marks them, and the paper's value
 * stands beside ours where it reports one. A cell with runs that did not finish says how many.
 */
public final class Tables {
    /**
     * What a cell counts: the tested model's test accuracy in % (test MSE for the autoencoder), as the paper's
     * tables do; or, to choose settings without looking at the test set, the same model's validation
     * accuracy in % (its validation loss for the autoencoder).
     */
    public enum Metric { TEST, VALIDATION }

    /** One run: its resolved config (as strings) and its summary, or null while it has none. */
    public record Run(Path dir, Map<String, String> config, Map<String, Object> summary) {
        /**
         * Whether the run has a tested model: it finished, or it diverged after an epoch whose model was then
         * tested (the best before the divergence, as the loop keeps it).
         */
        boolean finished() {
            if (summary == null) {
                return false;
            }
            Object status = summary.get("status");
            return "finished".equals(status) || ("diverged".equals(status)
                    && (summary.get("test_acc") != null || summary.get("test_mse") != null));
        }

        boolean diverged() {
            return summary != null && "diverged".equals(summary.get("status"));
        }

        boolean autoencoder() {
            return summary != null && summary.containsKey("test_mse");
        }

        /** The metric's value, NaN when the run did not finish (or logged no validation accuracy). */
        double value(Metric metric) {
            if (!finished()) {
                return Double.NaN;
            }
            Object v = metric == Metric.TEST ? (autoencoder() ? summary.get("test_mse") : summary.get("test_acc"))
                    : autoencoder() ? summary.get("best_val_loss") : bestValAcc();
            return v == null ? Double.NaN : ((Number) v).doubleValue() * (autoencoder() ? 1 : 100);
        }

        /** The validation accuracy of the tested (best) epoch, from metrics.jsonl; null when it has none. */
        private Double bestValAcc() {
            Path metrics = dir.resolve(RunFolder.METRICS);
            Object best = summary.get("best_epoch");
            return best == null || !Files.isRegularFile(metrics) ? null
                    : Metrics.read(metrics).series("val_acc", "", 1).valueAt(((Number) best).longValue());
        }
    }

    /**
     * A cell: the values of its runs with a tested model, how many have none yet, how many of all diverged
     * (those with a tested model count among the values), the paper's value, and its rank mark.
     */
    public record Cell(List<Double> values, int unfinished, int diverged, String paper, int rank) {
        public double mean() {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Sample standard deviation (n − 1); 0 for one value. */
        public double std() {
            int n = values.size();
            if (n < 2) {
                return n == 1 ? 0 : Double.NaN;
            }
            double m = mean();
            return Math.sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / (n - 1));
        }
    }

    /** Rows × columns of cells, with the keys that chose them and whether lower is better (MSE). */
    public record Table(String rowKey, String colKey, List<String> rows, List<String> cols,
                        Map<String, Map<String, Cell>> cells, boolean lowerIsBetter, Metric metric) {
        /** The corner of the table: the two keys, and what the cells count when it is not the test result. */
        String corner() {
            return rowKey + " \\ " + colKey + (metric == Metric.VALIDATION ? lowerIsBetter ? " (validation loss)"
                    : " (validation accuracy)" : "");
        }

        public Optional<Cell> cell(String row, String col) {
            return Optional.ofNullable(cells.getOrDefault(row, Map.of()).get(col));
        }
    }

    private Tables() {
    }

    /** Every run folder in {@code dirs}: a run folder itself, or the run folders below it (sweep folders). */
    public static List<Run> collect(List<Path> dirs) {
        List<Run> runs = new ArrayList<>();
        for (Path dir : dirs) {
            // A glob over a sweep folder (runs/sweeps/grid/*) names its index and spec copy beside the runs.
            if (Files.isRegularFile(dir) && isSweepRecord(dir)) {
                continue;
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + (Files.exists(dir)
                        ? ": a file, not a run folder or a sweep folder" : ": no such folder"));
            }
            try (Stream<Path> found = Files.walk(dir, 3)) {
                for (Path d : found.filter(p -> Files.isRegularFile(p.resolve(RunFolder.CONFIG))
                        && Files.isRegularFile(p.resolve(RunFolder.RUN))).sorted().toList()) {
                    runs.add(read(d));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(dirs + ": no run folders (with config.yaml and run.json) here");
        }
        return runs;
    }

    private static boolean isSweepRecord(Path file) {
        String name = file.getFileName().toString();
        Path folder = file.toAbsolutePath().getParent();
        return (name.equals(Sweeps.INDEX) || name.equals(Sweeps.SPEC_COPY)) && Files.isRegularFile(folder.resolve(Sweeps.INDEX));
    }

    private static Run read(Path dir) {
        Map<String, String> config = new LinkedHashMap<>();
        Config.load(dir.resolve(RunFolder.CONFIG)).flat().forEach((k, v) -> config.put(k, String.valueOf(v)));
        Path summary = dir.resolve(RunFolder.SUMMARY);
        return new Run(dir, config, Files.isRegularFile(summary) ? RunFolder.readJson(summary) : null);
    }

    /** Groups the runs by the values of {@code rowKey} and {@code colKey} (config keys); cells of test results. */
    public static Table build(List<Run> runs, String rowKey, String colKey) {
        return build(runs, rowKey, colKey, Metric.TEST);
    }

    /**
     * Groups the runs by the values of {@code rowKey} and {@code colKey}; the paper's values only beside TEST.
     * A key may name several config keys, comma-separated ({@code lr_F,stepsize}): its value is theirs
     * together, so a grid of three keys fits in two axes.
     */
    public static Table build(List<Run> runs, String rowKey, String colKey, Metric metric) {
        for (String key : List.of(rowKey, colKey)) {
            for (String part : key.split(",")) {
                if (!runs.get(0).config().containsKey(part.trim())) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not a config key of these runs; e.g. "
                            + "method, dataset, lr_F, seed ('ccl keys' lists them)");
                }
            }
        }
        boolean mse = runs.stream().anyMatch(Run::autoencoder);
        Set<String> rows = new LinkedHashSet<>();
        Set<String> cols = new LinkedHashSet<>();
        Map<String, Map<String, List<Run>>> grouped = new LinkedHashMap<>();
        for (Run r : runs) {
            String row = valueOf(r, rowKey);
            String col = valueOf(r, colKey);
            rows.add(row);
            cols.add(col);
            grouped.computeIfAbsent(row, k -> new LinkedHashMap<>()).computeIfAbsent(col, k -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        for (String col : cols) {
            List<String> ranked = rankedRows(grouped, rows, col, mse, metric);
            for (String row : rows) {
                List<Run> in = grouped.getOrDefault(row, Map.of()).get(col);
                if (in == null) {
                    continue;
                }
                List<Double> values = in.stream().filter(Run::finished).map(r -> r.value(metric))
                        .filter(v -> !v.isNaN()).toList();
                int rank = ranked.indexOf(row) + 1;
                cells.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(col, new Cell(values,
                        (int) in.stream().filter(r -> !r.finished() && !r.diverged()).count(),
                        (int) in.stream().filter(Run::diverged).count(),
                        metric == Metric.TEST ? paper(in, rowKey, colKey) : null, rank));
            }
        }
        return new Table(rowKey, colKey, ordered(rows), ordered(cols), cells, mse, metric);
    }

    /** The run's value of a key, or of comma-separated keys joined by ", ". */
    private static String valueOf(Run r, String key) {
        return java.util.Arrays.stream(key.split(",")).map(k -> r.config().get(k.trim()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Numbers in increasing order (learning rates, seeds; several keys' values by the first, then the next);
     * anything else as the runs came (the sweep's order).
     */
    private static List<String> ordered(Set<String> values) {
        try {
            Comparator<String> byNumbers = (a, b) -> {
                String[] x = a.split(", ");
                String[] y = b.split(", ");
                for (int i = 0; i < Math.min(x.length, y.length); i++) {
                    int c = Double.compare(Double.parseDouble(x[i]), Double.parseDouble(y[i]));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x.length, y.length);
            };
            values.forEach(v -> java.util.Arrays.stream(v.split(", ")).forEach(Double::parseDouble));
            return values.stream().sorted(byNumbers).toList();
        } catch (NumberFormatException notNumbers) {
            return List.copyOf(values);
        }
    }

    /** The rows of a column with at least one finished run, best first. */
    private static List<String> rankedRows(Map<String, Map<String, List<Run>>> grouped, Set<String> rows, String col,
                                           boolean lowerIsBetter, Metric metric) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (String row : rows) {
            List<Run> in = grouped.getOrDefault(row, Map.of()).getOrDefault(col, List.of());
            double mean = in.stream().filter(Run::finished).mapToDouble(r -> r.value(metric)).filter(v -> !Double.isNaN(v))
                    .average().orElse(Double.NaN);
            if (!Double.isNaN(mean)) {
                means.put(row, mean);
            }
        }
        Comparator<String> order = Comparator.comparingDouble(means::get);
        return means.keySet().stream().sorted(lowerIsBetter ? order : order.reversed()).toList();
    }

    /**
     * The paper's value for a cell: Table 1/3 (or the autoencoder's MSE) when the keys are method and
     * dataset and the cell's runs share one architecture; Fig 7 when they are lr_F and lr_B and the runs are
     * CCL on one MLP.
     */
    private static String paper(List<Run> runs, String rowKey, String colKey) {
        Set<String> keys = Set.of(rowKey, colKey);
        Map<String, String> first = runs.get(0).config();
        boolean oneSetting = runs.stream().allMatch(r -> r.config().get("architecture").equals(first.get("architecture"))
                && r.config().get("method").equals(first.get("method")) && r.config().get("dataset").equals(first.get("dataset")));
        if (!oneSetting) {
            return null;
        }
        if (keys.equals(Set.of("method", "dataset"))) {
            return PaperValues.of(first.get("method"), first.get("dataset"), first.get("architecture")).orElse(null);
        }
        if (keys.equals(Set.of("lr_F", "lr_B")) && first.get("method").equals("CCL")
                && first.get("architecture").equals("simple_linear")) {
            return PaperValues.fig7(first.get("dataset"), Double.parseDouble(first.get("lr_F")),
                    Double.parseDouble(first.get("lr_B"))).orElse(null);
        }
        return null;
    }

    /** Markdown: best **bold**, second best <u>underlined</u>, the paper's value in a column beside ours. */
    public static String markdown(Table t) {
        StringBuilder out = new StringBuilder("| " + t.corner() + " |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (String col : t.cols()) {
            out.append(' ').append(col).append(" |");
            rule.append(" --- |");
            if (hasPaper(t, col)) {
                out.append(" paper |");
                rule.append(" --- |");
            }
        }
        out.append('\n').append(rule).append('\n');
        for (String row : t.rows()) {
            out.append("| ").append(row).append(" |");
            for (String col : t.cols()) {
                Optional<Cell> c = t.cell(row, col);
                String text = c.map(x -> text(x, t.lowerIsBetter())).orElse("");
                int rank = c.map(Cell::rank).orElse(0);
                out.append(' ').append(rank == 1 ? "**" + text + "**" : rank == 2 ? "<u>" + text + "</u>" : text).append(" |");
                if (hasPaper(t, col)) {
                    out.append(' ').append(c.map(Cell::paper).orElse(null) == null ? "" : c.get().paper()).append(" |");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** CSV, one line per cell: row, column, mean, std, n, not finished, diverged, rank, the paper's value. */
    public static String csv(Table t) {
        StringBuilder out = new StringBuilder(field(t.rowKey()) + "," + field(t.colKey())
                + ",mean,std,n,not_finished,diverged,rank,paper\n");
        for (String row : t.rows()) {
            for (String col : t.cols()) {
                t.cell(row, col).ifPresent(c -> out.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%d,%s,%s%n",
                        field(row), field(col),
                        c.values().isEmpty() ? "" : String.format(Locale.ROOT, "%.4f", c.mean()),
                        c.values().isEmpty() ? "" : String.format(Locale.ROOT, "%.4f", c.std()),
                        c.values().size(), c.unfinished(), c.diverged(), c.rank() == 0 ? "" : Integer.toString(c.rank()),
                        c.paper() == null ? "" : field(c.paper()))));
            }
        }
        return out.toString();
    }

    /** A CSV field, quoted when it holds a comma or a quote (an axis of several keys: "0.3, 0.01"). */
    private static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A standalone HTML page with the table, marked as in {@link #markdown}. */
    public static String html(Table t, String title) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eee}"
                        + "td.paper{color:#666}</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n<table>\n<tr><th>")
                .append(escape(t.corner())).append("</th>");
        for (String col : t.cols()) {
            out.append("<th>").append(escape(col)).append("</th>");
            if (hasPaper(t, col)) {
                out.append("<th>paper</th>");
            }
        }
        out.append("</tr>\n");
        for (String row : t.rows()) {
            out.append("<tr><th>").append(escape(row)).append("</th>");
            for (String col : t.cols()) {
                Optional<Cell> c = t.cell(row, col);
                String text = escape(c.map(x -> text(x, t.lowerIsBetter())).orElse(""));
                int rank = c.map(Cell::rank).orElse(0);
                out.append("<td>").append(rank == 1 ? "<b>" + text + "</b>" : rank == 2 ? "<u>" + text + "</u>" : text).append("</td>");
                if (hasPaper(t, col)) {
                    out.append("<td class=\"paper\">").append(escape(c.map(Cell::paper).orElse(""))).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n<p>Test ").append(t.lowerIsBetter() ? "MSE" : "accuracy (%)")
                .append(", mean ± sample std over the finished runs of each cell (n); best <b>bold</b>, second <u>underlined</u>.</p>\n")
                .append("</body></html>\n");
        return out.toString();
    }

    private static boolean hasPaper(Table t, String col) {
        return t.rows().stream().anyMatch(r -> t.cell(r, col).map(Cell::paper).orElse(null) != null);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The cell as text: {@code mean ± std (n)}, or {@code mean (n=1)}; marks left to the format. */
    static String text(Cell c, boolean mse) {
        String missing = (c.unfinished() == 0 ? "" : "; " + c.unfinished() + " not finished")
                + (c.diverged() == 0 ? "" : "; " + c.diverged() + " diverged");
        if (c.values().isEmpty()) {
            return "no finished run" + missing;
        }
        // One run has no spread to show: a sample std needs two.
        String format = c.values().size() == 1 ? (mse ? "%.4f" : "%.2f") : (mse ? "%.4f ± %.4f" : "%.2f ± %.2f");
        return String.format(Locale.ROOT, format, c.mean(), c.std()) + " (n=" + c.values().size() + missing + ")";
    }
}
