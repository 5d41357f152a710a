package ccl.report;

import ccl.io.AtomicFiles;
import ccl.run.RunFolder;
import ccl.sweep.Sweeps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (figures embedded as data URIs, no other file needed) for
 * a run folder — its summary, every figure of {@code ccl plot}, the config and the run's record with its
 * data provenance — or for a sweep folder: the table of its runs and each point's state.
 */
public final class Report {
    private static final String STYLE = "body{font-family:sans-serif;max-width:1200px;margin:2em auto}"
            + "pre{background:#f6f6f6;padding:1em;overflow-x:auto}img{max-width:100%;border:1px solid #ddd}"
            + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:4px 8px}";

    private Report() {
    }

    /** Writes {@code dir/report.html} and returns its path. */
    public static Path write(Path dir) {
        String html;
        if (Files.isRegularFile(dir.resolve(RunFolder.RUN))) {
            html = run(dir);
        } else if (Files.isRegularFile(dir.resolve(Sweeps.INDEX))) {
            html = sweep(dir);
        } else {
            throw new IllegalArgumentException(dir + ": neither a run folder (run.json) nor a sweep folder (index.json)");
        }
        Path file = dir.resolve("report.html");
        AtomicFiles.writeString(file, html);
        return file;
    }

    private static String run(Path dir) {
        List<Path> figures = Plots.write(dir, dir).stream().filter(p -> p.toString().endsWith(".png")).toList();
        StringBuilder body = new StringBuilder("<h1>" + escape(dir.getFileName().toString()) + "</h1>\n");
        if (Files.isRegularFile(dir.resolve(RunFolder.SUMMARY))) {
            body.append("<h2>Summary</h2>\n<pre>").append(escape(read(dir.resolve(RunFolder.SUMMARY)))).append("</pre>\n");
        }
        body.append("<h2>Figures</h2>\n");
        for (Path png : figures) {
            body.append("<h3>").append(escape(png.getFileName().toString())).append("</h3>\n<img alt=\"")
                    .append(escape(png.getFileName().toString())).append("\" src=\"data:image/png;base64,")
                    .append(base64(png)).append("\">\n");
        }
        body.append("<h2>Config</h2>\n<pre>").append(escape(read(dir.resolve(RunFolder.CONFIG)))).append("</pre>\n");
        body.append("<h2>Run record and data provenance</h2>\n<pre>").append(escape(read(dir.resolve(RunFolder.RUN))))
                .append("</pre>\n");
        return page(dir.getFileName().toString(), body.toString());
    }

    private static String sweep(Path dir) {
        Tables.Table table = Tables.build(Tables.collect(List.of(dir)), "method", "dataset");
        String tableHtml = Tables.html(table, dir.getFileName().toString());
        String inner = tableHtml.substring(tableHtml.indexOf("<table>"), tableHtml.indexOf("</table>") + "</table>".length());
        String body = "<h1>" + escape(dir.getFileName().toString()) + "</h1>\n<h2>Results</h2>\n" + inner
                + "\n<h2>Points</h2>\n<pre>" + escape(read(dir.resolve(Sweeps.INDEX))) + "</pre>\n";
        return page(dir.getFileName().toString(), body);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title><style>" + STYLE
                + "</style></head><body>\n" + body + "</body></html>\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String base64(Path png) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
