package ccl.report;

import ccl.io.AtomicFiles;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a run folder's {@code metrics.jsonl}: {@code curves.png} (loss, and validation accuracy when
 * the task has one), and {@code weight_angle.png} / {@code update_angle.png} when the run logged those angles;
 * {@code cka.png} from the CKA probe's records in {@code probes.jsonl}.
 */
public final class Plots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    // Past this many epochs the markers would hide the lines.
    private static final int MAX_MARKED_POINTS = 40;
    // matplotlib's tab10: ten distinct colours, so a model's layers (up to ten pairs) never share one; XChart's
    // own theme repeats a colour from the sixth series on.
    private static final Color[] SERIES_COLOURS = Stream.of(0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
            0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf).map(Color::new).toArray(Color[]::new);

    private Plots() {
    }

    /** Writes the charts of runDir into outDir and returns the files written. */
    public static List<Path> write(Path runDir, Path outDir) {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + (Files.exists(runDir) ? ": not a folder" : ": no such folder")
                    + "; pass a run folder written by `ccl train`");
        }
        Path metricsFile = runDir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metricsFile)) {
            throw new IllegalArgumentException(runDir + ": no metrics.jsonl; pass a run folder written by `ccl train`");
        }
        Metrics metrics = Metrics.read(metricsFile);
        Path name = runDir.toAbsolutePath().normalize().getFileName();
        String run = name != null ? name.toString() : runDir.toString();
        // Every value is checked before the first file is written, so a bad one leaves no partial set behind.
        BufferedImage curves = curves(metrics, run, testAccuracy(runDir));
        List<Metrics.Series> weight = metrics.seriesPerEntry("weight_angle");
        List<Metrics.Series> update = metrics.seriesPerEntry("update_angle");
        List<Map<String, Object>> cka = probeRecords(runDir, "cka");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            // Errors.describe would show only the bare path an IOException carries.
            throw new IllegalArgumentException(outDir + ": cannot create the output folder: " + e, e);
        }
        List<Path> written = new ArrayList<>();
        written.add(writePng(outDir.resolve("curves.png"), curves));
        if (!weight.isEmpty()) {
            written.add(writePng(outDir.resolve("weight_angle.png"),
                    angles(weight, run + ": Forward vs transposed feedback weights")));
            written.add(writePng(outDir.resolve("weight_cosine.png"), cosines(weight, run)));
        }
        if (!update.isEmpty()) {
            written.add(writePng(outDir.resolve("update_angle.png"),
                    angles(update, run + ": Rule update vs backprop gradient (fixed batch)")));
        }
        if (!cka.isEmpty()) {
            written.add(writePng(outDir.resolve("cka.png"), CkaFigure.draw(cka, run)));
        }
        List<Map<String, Object>> tsne = probeRecords(runDir, "tsne");
        if (!tsne.isEmpty()) {
            written.add(writePng(outDir.resolve("tsne.png"), TsneFigure.draw(tsne, run, SERIES_COLOURS)));
        }
        written.addAll(kernels(runDir, outDir, run));
        return written;
    }

    /**
     * Per layer, the cosine of the forward and the transposed feedback weights after each epoch (the paper's
     * Fig 9), from the {@code weight_angle} the run logged: layer → rows of (epoch, cosine).
     */
    public static Map<String, List<double[]>> weightCosines(Path runDir) {
        Map<String, List<double[]>> out = new java.util.LinkedHashMap<>();
        for (Metrics.Series s : Metrics.read(runDir.resolve("metrics.jsonl")).seriesPerEntry("weight_angle")) {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < s.values().size(); i++) {
                rows.add(new double[] {s.epochs().get(i), Math.cos(Math.toRadians(s.values().get(i)))});
            }
            out.put(s.name(), rows);
        }
        return out;
    }

    /**
     * kernels.png and kernels.json from the tested model's first convolution ({@code best.npz}), when the
     * model has one: the kernels as images, and their share of energy away from zero frequency.
     */
    private static List<Path> kernels(Path runDir, Path outDir, String run) {
        Path best = runDir.resolve("best.npz");
        Path config = runDir.resolve("config.yaml");
        // Only the CNNs start with a convolution: an MLP's weights file is not read (nor the engine started).
        if (!Files.isRegularFile(best) || !Files.isRegularFile(config)
                || ccl.config.Config.load(config).getString("architecture").equals("simple_linear")) {
            return List.of();
        }
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray w = ccl.nn.Weights.read(best, m).get("enc1.forward_layer.weight");
            if (w == null || w.getShape().dimension() != 4) {
                return List.of();
            }
            int out = (int) w.getShape().get(0);
            int in = (int) w.getShape().get(1);
            int k = (int) w.getShape().get(2);
            float[] values = w.toFloatArray();
            double[] share = ccl.analysis.Kernels.highFrequencyShare(values, out, in, k);
            double mean = ccl.analysis.Kernels.mean(share);
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("layer", "enc1.forward_layer.weight");
            json.put("hf_energy_share", mean);
            json.put("per_kernel", java.util.Arrays.stream(share).boxed().toList());
            Path jsonFile = outDir.resolve("kernels.json");
            AtomicFiles.writeString(jsonFile, ccl.io.Json.PRETTY.toJson(ccl.io.Json.finite(json)) + "\n");
            String caption = String.format(Locale.ROOT, "%s: enc1 forward kernels (%d × %d × %d × %d), energy away from "
                    + "zero frequency %.3f", run, out, in, k, k, mean);
            return List.of(writePng(outDir.resolve("kernels.png"), KernelFigure.draw(values, out, in, k, caption)), jsonFile);
        }
    }

    /**
     * Loss beside validation accuracy; the loss alone when no epoch has an accuracy (autoencoders). A rule's
     * pre-training epochs (target propagation's feedback-only ones) report another loss: it gets its own panel,
     * and the training loss starts after them.
     */
    private static BufferedImage curves(Metrics metrics, String run, Double testAcc) {
        Metrics.Series pretraining = metrics.series("train_loss", "feedback (pre-training)", 1, "pretraining");
        List<Metrics.Series> losses = nonEmpty(metrics.series("train_loss", "train", 1, "training"),
                metrics.series("val_loss", "validation", 1));
        Metrics.Series acc = metrics.series("val_acc", "validation", 100);
        if (losses.isEmpty() && acc.isEmpty()) {
            throw new IllegalArgumentException(metrics.file() + ": no train_loss, val_loss or val_acc values to plot");
        }
        List<BufferedImage> panels = new ArrayList<>();
        if (!pretraining.isEmpty()) {
            panels.add(BitmapEncoder.getBufferedImage(chart(run + ": pre-training loss", "loss", List.of(pretraining))));
        }
        if (!losses.isEmpty()) {
            panels.add(BitmapEncoder.getBufferedImage(chart(run + ": loss", "loss", losses)));
        }
        if (!acc.isEmpty()) {
            String title = run + ": validation accuracy"
                    + (testAcc != null ? String.format(Locale.ROOT, " (test %.2f %%)", 100 * testAcc) : "");
            panels.add(BitmapEncoder.getBufferedImage(chart(title, "accuracy (%)", List.of(acc))));
        }
        return joined(panels, false);
    }

    private static BufferedImage angles(List<Metrics.Series> layers, String title) {
        XYChart chart = chart(title, "angle (degrees)", layers);
        double max = layers.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(angleAxisMax(max));
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The paper's Fig 9: the cosine of the forward/feedback weight angle per layer, over epochs. */
    private static BufferedImage cosines(List<Metrics.Series> angles, String run) {
        List<Metrics.Series> cosines = angles.stream().map(s -> new Metrics.Series(s.name(), s.epochs(),
                s.values().stream().map(a -> Math.cos(Math.toRadians(a))).toList())).toList();
        XYChart chart = chart(run + ": cosine of forward and transposed feedback weights", "cosine similarity", cosines);
        chart.getStyler().setYAxisMin(Math.min(0.0, cosines.stream().flatMap(s -> s.values().stream())
                .mapToDouble(Double::doubleValue).min().orElse(0))).setYAxisMax(1.0);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * 90 degrees (orthogonal, what random feedback starts at) unless an angle goes past it, then the next multiple
     * of 30 up to 180, so that one layer at 90.2 degrees does not squeeze every curve into the lower half.
     */
    static double angleAxisMax(double maxAngle) {
        return maxAngle <= 90 ? 90.0 : Math.min(180.0, 30 * Math.ceil(maxAngle / 30));
    }

    private static XYChart chart(String title, String yTitle, List<Metrics.Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        // Below the plot, so that the legend never covers a curve.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setChartBackgroundColor(Color.WHITE).setSeriesColors(SERIES_COLOURS);
        chart.getStyler().setXAxisDecimalPattern("#.#");
        int points = series.stream().mapToInt(s -> s.values().size()).max().orElse(0);
        for (Metrics.Series s : series) {
            chart.addSeries(s.name(), s.epochs(), s.values())
                    .setMarker(points > MAX_MARKED_POINTS ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** The panels on white, side by side ({@code below}: one above the other), as large as the largest needs. */
    public static BufferedImage joined(List<BufferedImage> panels, boolean below) {
        int width = below ? panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow()
                : panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = below ? panels.stream().mapToInt(BufferedImage::getHeight).sum()
                : panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int at = 0;
            for (BufferedImage p : panels) {
                g.drawImage(p, below ? 0 : at, below ? at : 0, null);
                at += below ? p.getHeight() : p.getWidth();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The test accuracy from summary.json for the accuracy chart's title. Only a label: a run still training has
     * no summary yet, and a summary that cannot be read leaves the title without it rather than stopping the plot.
     */
    private static Double testAccuracy(Path runDir) {
        try {
            JsonElement summary = JsonParser.parseString(Files.readString(runDir.resolve("summary.json")));
            JsonElement acc = summary.isJsonObject() ? ((JsonObject) summary).get("test_acc") : null;
            boolean number = acc != null && acc.isJsonPrimitive() && acc.getAsJsonPrimitive().isNumber();
            return number ? acc.getAsDouble() : null;
        } catch (IOException | JsonParseException e) {
            return null;
        }
    }

    private static List<Metrics.Series> nonEmpty(Metrics.Series... series) {
        return Stream.of(series).filter(s -> !s.isEmpty()).toList();
    }

    /** The paper's Fig 6 layout of CKA records (e.g. averaged over seeds) as {@code file}. */
    public static Path writeCka(List<Map<String, Object>> records, String title, Path file) {
        return writePng(file, CkaFigure.draw(records, title));
    }

    /** The records of one probe in a run folder's probes.jsonl, in the order written; empty when it has none. */
    public static List<Map<String, Object>> probeRecords(Path runDir, String probe) {
        Path file = runDir.resolve("probes.jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                Map<String, Object> r = ccl.io.Json.parseObject(line);
                if (probe.equals(r.get("probe"))) {
                    out.add(r);
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid JSON lines (" + e.getMessage() + ")", e);
        }
    }

    private static Path writePng(Path file, BufferedImage image) {
        AtomicFiles.writePng(file, image);
        return file;
    }
}
