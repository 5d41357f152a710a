package ccl.report;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A table as a heatmap PNG, each tile the cell's mean with its value written in it, and beside it the
 * paper's values on the same colour scale when the paper has them (Fig 7: lr_B rows × lr_F columns).
 */
public final class Heatmaps {
    private Heatmaps() {
    }

    public static void write(Tables.Table t, String title, Path file) {
        List<Number[]> ours = new ArrayList<>();
        List<Number[]> paper = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            for (int j = 0; j < t.cols().size(); j++) {
                int x = j;
                int y = i;
                t.cell(t.rows().get(i), t.cols().get(j)).ifPresent(c -> {
                    if (!c.values().isEmpty()) {
                        ours.add(new Number[] {x, y, round(c.mean())});
                    }
                    if (c.paper() != null) {
                        paper.add(new Number[] {x, y, Double.parseDouble(c.paper().replaceFirst("±.*", ""))});
                    }
                });
            }
        }
        if (ours.isEmpty()) {
            throw new IllegalArgumentException("no cell has a finished run: nothing to draw");
        }
        double min = Math.min(range(ours, true), paper.isEmpty() ? Double.MAX_VALUE : range(paper, true));
        double max = Math.max(range(ours, false), paper.isEmpty() ? -Double.MAX_VALUE : range(paper, false));
        List<HeatMapChart> charts = new ArrayList<>();
        charts.add(chart(t, title + " (ours)", ours, min, max));
        if (!paper.isEmpty()) {
            charts.add(chart(t, "the paper", paper, min, max));
        }
        try {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out,
                    BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static HeatMapChart chart(Tables.Table t, String title, List<Number[]> data, double min, double max) {
        HeatMapChart c = new HeatMapChartBuilder().width(560).height(460).title(title).xAxisTitle(t.colKey())
                .yAxisTitle(t.rowKey()).build();
        c.getStyler().setShowValue(true).setMin(min).setMax(max).setLegendVisible(true);
        c.addSeries(t.lowerIsBetter() ? "test MSE" : "test accuracy (%)", t.cols(), t.rows(), data);
        return c;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double range(List<Number[]> data, boolean lowest) {
        return data.stream().mapToDouble(d -> d[2].doubleValue()).reduce(lowest ? Math::min : Math::max).orElseThrow();
    }
}
