package ccl.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * The paper's Fig 6 from the CKA probe's records ({@code probes.jsonl}): top row, the CKA matrix at each
 * probed step (feedback activations down, forward activations across; colour scale 0.1–0.7 as the paper's);
 * bottom row, the change between consecutive steps (−0.1 … 0.1, blue to red).
 */
final class CkaFigure {
    private static final int SIZE = 380;

    private CkaFigure() {
    }

    @SuppressWarnings("unchecked")
    static BufferedImage draw(List<Map<String, Object>> records, String run) {
        List<BufferedImage> top = new ArrayList<>();
        List<BufferedImage> bottom = new ArrayList<>();
        double[][] previous = null;
        for (Map<String, Object> r : records) {
            double[][] m = matrix((List<List<Number>>) r.get("cka"));
            List<String> rows = (List<String>) r.get("rows");
            List<String> cols = (List<String>) r.get("cols");
            long step = ((Number) r.get("step")).longValue();
            top.add(panel(run + ": CKA, step " + step, rows, cols, m, 0.1, 0.7, false));
            if (previous != null) {
                double[][] delta = new double[m.length][m[0].length];
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[0].length; j++) {
                        delta[i][j] = m[i][j] - previous[i][j];
                    }
                }
                bottom.add(panel("change to step " + step, rows, cols, delta, -0.1, 0.1, true));
            }
            previous = m;
        }
        return grid(top, bottom);
    }

    private static double[][] matrix(List<List<Number>> values) {
        return values.stream().map(row -> row.stream().mapToDouble(Number::doubleValue).toArray()).toArray(double[][]::new);
    }

    private static BufferedImage panel(String title, List<String> rows, List<String> cols, double[][] m, double min,
                                       double max, boolean diverging) {
        HeatMapChart c = new HeatMapChartBuilder().width(SIZE).height(SIZE).title(title).xAxisTitle("forward")
                .yAxisTitle("feedback").build();
        c.getStyler().setMin(min).setMax(max).setShowValue(false).setChartBackgroundColor(Color.WHITE);
        if (diverging) {
            c.getStyler().setRangeColors(new Color[] {new Color(0x2166ac), Color.WHITE, new Color(0xb2182b)});
        }
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                data.add(new Number[] {j, i, Math.max(min, Math.min(max, m[i][j]))});
            }
        }
        c.addSeries("CKA", cols, rows, data);
        return BitmapEncoder.getBufferedImage(c);
    }

    /** The top row with the bottom row under it, shifted by half a panel so each change sits between its steps. */
    private static BufferedImage grid(List<BufferedImage> top, List<BufferedImage> bottom) {
        int width = top.size() * SIZE;
        BufferedImage image = new BufferedImage(width, bottom.isEmpty() ? SIZE : 2 * SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < top.size(); i++) {
                g.drawImage(top.get(i), i * SIZE, 0, null);
            }
            for (int i = 0; i < bottom.size(); i++) {
                g.drawImage(bottom.get(i), i * SIZE + SIZE / 2, SIZE, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
