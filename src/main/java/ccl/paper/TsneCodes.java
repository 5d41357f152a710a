package ccl.paper;

import ccl.report.Plots;
import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figs 3 and 8 in numbers: what the paper reads off its t-SNE panels, whether each class's feedback code
 * (a square) lies in its own class's cluster of forward features (the circles). Per run, step and depth:
 * how many of the C codes have their own class's centroid of circles nearest ({@code ITEM.md}, {@code ITEM.csv}).
 */
record TsneCodes(String item) implements RunFigure.Summary {
    @Override
    @SuppressWarnings("unchecked")
    public List<Path> write(List<Sweeps.Entry> done, Path folder) {
        List<List<String>> rows = new ArrayList<>();
        for (Sweeps.Entry e : done) {
            Map<Long, Map<Long, String>> byStep = new TreeMap<>();
            for (Map<String, Object> r : Plots.probeRecords(e.dir(), "tsne")) {
                int hits = ownClusterNearest((List<Number>) r.get("labels"), (List<List<Number>>) r.get("forward"),
                        (List<List<Number>>) r.get("targets"));
                byStep.computeIfAbsent(((Number) r.get("step")).longValue(), k -> new TreeMap<>())
                        .put(((Number) r.get("depth")).longValue(), hits + "/" + ((List<?>) r.get("targets")).size());
            }
            byStep.forEach((step, depths) -> depths.forEach((depth, hits) ->
                    rows.add(List.of(e.point().name(), Long.toString(step), Long.toString(depth), hits))));
        }
        return ItemText.table(folder, item, "t-SNE: class codes in their own class's cluster",
                List.of("run", "step", "depth", "codes nearest their own class's centroid"), rows,
                "For each class, the feedback network's feature of its one-hot code (a square in the figure) against "
                        + "the centroids of the forward features of the test samples of each class (the circles), in "
                        + "the t-SNE plane: the count of codes whose nearest centroid is their own class's.");
    }

    /** How many class codes have the centroid of their own class's points nearest, in the embedding. */
    static int ownClusterNearest(List<Number> labels, List<List<Number>> points, List<List<Number>> codes) {
        int classes = codes.size();
        double[][] centroid = new double[classes][2];
        int[] count = new int[classes];
        for (int i = 0; i < labels.size(); i++) {
            int c = labels.get(i).intValue();
            centroid[c][0] += points.get(i).get(0).doubleValue();
            centroid[c][1] += points.get(i).get(1).doubleValue();
            count[c]++;
        }
        int hits = 0;
        for (int c = 0; c < classes; c++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                if (count[k] == 0) {
                    continue;
                }
                double dx = centroid[k][0] / count[k] - codes.get(c).get(0).doubleValue();
                double dy = centroid[k][1] / count[k] - codes.get(c).get(1).doubleValue();
                if (dx * dx + dy * dy < best) {
                    best = dx * dx + dy * dy;
                    nearest = k;
                }
            }
            hits += nearest == c ? 1 : 0;
        }
        return hits;
    }
}
