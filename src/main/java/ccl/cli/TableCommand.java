package ccl.cli;

import ccl.io.AtomicFiles;
import ccl.report.Heatmaps;
import ccl.report.Tables;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Aggregate run folders (or sweep folders holding them) into a table: rows and columns by",
                "config keys, each cell the mean ± sample std and n of the test accuracy (%%) or MSE over its",
                "finished runs; per column the best is bold and the second underlined; the paper's value beside",
                "ours where it reports one."})
final class TableCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run folders or folders holding them (sweep folders).")
    List<Path> dirs;

    @Option(names = "--rows", paramLabel = "KEY", defaultValue = "method", description = "Config key of the rows, or several comma-separated (lr_F,stepsize) (default: ${DEFAULT-VALUE}).")
    String rows;

    @Option(names = "--cols", paramLabel = "KEY", defaultValue = "dataset", description = "Config key of the columns, or several comma-separated (default: ${DEFAULT-VALUE}).")
    String cols;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md",
            description = "md (Markdown), csv, html, or png (a heatmap beside the paper's; needs --out) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the table here (atomically) instead of printing it.")
    Path out;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "test",
            description = "test: the tested model's test accuracy (the paper's tables); val: its validation accuracy, "
                    + "to choose settings without the test set (default: ${DEFAULT-VALUE}).")
    String metric;

    @Override
    public Integer call() {
        if (!List.of("md", "csv", "html", "png").contains(format)) {
            throw new IllegalArgumentException("--format must be md, csv, html or png, not '" + format + "'");
        }
        if (format.equals("png") && out == null) {
            throw new IllegalArgumentException("--format png writes an image: give --out FILE.png");
        }
        if (!List.of("test", "val").contains(metric)) {
            throw new IllegalArgumentException("--metric must be test or val, not '" + metric + "'");
        }
        Tables.Table table = Tables.build(Tables.collect(dirs), rows, cols,
                metric.equals("val") ? Tables.Metric.VALIDATION : Tables.Metric.TEST);
        if (format.equals("png")) {
            Heatmaps.write(table, rows + " × " + cols, out);
            System.out.println(out);
            return 0;
        }
        String text = switch (format) {
            case "csv" -> Tables.csv(table);
            case "html" -> Tables.html(table, rows + " × " + cols + " (" + dirs + ")");
            default -> Tables.markdown(table);
        };
        if (out == null) {
            System.out.print(text);
        } else {
            AtomicFiles.writeString(out, text);
            System.out.println(out);
        }
        return 0;
    }
}
