package ccl.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paper's Figs 3 and 8 from the t-SNE probe's records: a panel per step (rows) and depth (columns);
 * circles are the forward features of test samples, squares the feedback features of the class one-hots,
 * coloured by class.
 */
final class TsneFigure {
    private static final int SIZE = 320;

    private TsneFigure() {
    }

    @SuppressWarnings("unchecked")
    static BufferedImage draw(List<Map<String, Object>> records, String run, Color[] colours) {
        TreeSet<Long> steps = new TreeSet<>();
        TreeSet<Integer> depths = new TreeSet<>();
        Map<String, Map<String, Object>> byPanel = new TreeMap<>();
        for (Map<String, Object> r : records) {
            long step = ((Number) r.get("step")).longValue();
            int depth = ((Number) r.get("depth")).intValue();
            steps.add(step);
            depths.add(depth);
            byPanel.put(step + "/" + depth, r);
        }
        BufferedImage image = new BufferedImage(depths.size() * SIZE, steps.size() * SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int row = 0;
            for (long step : steps) {
                int col = 0;
                for (int depth : depths) {
                    Map<String, Object> r = byPanel.get(step + "/" + depth);
                    if (r != null) {
                        g.drawImage(panel(r, run + ": step " + step + ", depth " + depth, colours), col * SIZE, row * SIZE, null);
                    }
                    col++;
                }
                row++;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    @SuppressWarnings("unchecked")
    private static BufferedImage panel(Map<String, Object> r, String title, Color[] colours) {
        XYChart c = new XYChartBuilder().width(SIZE).height(SIZE).title(title).build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setLegendVisible(false)
                .setMarkerSize(4).setChartBackgroundColor(Color.WHITE);
        List<Number> labels = (List<Number>) r.get("labels");
        List<List<Number>> forward = (List<List<Number>>) r.get("forward");
        List<List<Number>> targets = (List<List<Number>>) r.get("targets");
        for (int k = 0; k < targets.size(); k++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < forward.size(); i++) {
                if (labels.get(i).intValue() == k) {
                    xs.add(forward.get(i).get(0).doubleValue());
                    ys.add(forward.get(i).get(1).doubleValue());
                }
            }
            Color colour = colours[k % colours.length];
            if (!xs.isEmpty()) {
                c.addSeries("class " + k, xs, ys).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colour);
            }
            XYSeries target = c.addSeries("target " + k, List.of(targets.get(k).get(0).doubleValue()),
                    List.of(targets.get(k).get(1).doubleValue()));
            target.setMarker(SeriesMarkers.SQUARE).setMarkerColor(colour.darker());
        }
        return BitmapEncoder.getBufferedImage(c);
    }
}
