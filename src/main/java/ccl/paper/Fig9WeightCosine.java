package ccl.paper;

import ccl.report.Plots;
import ccl.sweep.Sweeps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fig 9: the cosine of each layer's forward weight and transposed feedback weight over the epochs of the
 * MNIST MLP trained with CCL ({@code fig9.png}, the run's weight_cosine.png; {@code fig9-curves.csv} every epoch),
 * and in {@code fig9.md} what the paper reads off its figure: how fast each layer rises, and how far.
 */
final class Fig9WeightCosine implements RunFigure.Summary {
    @Override
    public List<Path> write(List<Sweeps.Entry> done, Path folder) {
        Sweeps.Entry run = done.get(0);
        Map<String, List<double[]>> cosines = Plots.weightCosines(run.dir());
        if (cosines.isEmpty()) {
            throw new IllegalStateException("fig9: " + run.dir() + " logged no weight_angle (a rule without feedback weights?)");
        }
        List<List<String>> summary = new ArrayList<>();
        StringBuilder csv = new StringBuilder("layer,epoch,cosine\n");
        cosines.forEach((layer, rows) -> {
            double last = rows.get(rows.size() - 1)[1];
            double ninety = rows.stream().filter(r -> r[1] >= 0.9 * last).mapToDouble(r -> r[0]).findFirst().orElse(Double.NaN);
            summary.add(List.of(layer, ItemText.number(rows.get(0)[1], 3), ItemText.number(at(rows, 10), 3),
                    ItemText.number(last, 3), ItemText.number(ninety, 0)));
            rows.forEach(r -> csv.append(layer).append(',').append(ItemText.number(r[0], 0)).append(',')
                    .append(ItemText.number(r[1], 5)).append('\n'));
        });
        Path png = folder.resolve("fig9.png");
        Path curves = folder.resolve("fig9-curves.csv");
        try {
            ccl.io.AtomicFiles.copy(folder.resolve(run.point().name()).resolve("weight_cosine.png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException("fig9: cannot copy the run's weight_cosine.png: " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>(List.of(png));
        written.addAll(ItemText.table(folder, "fig9", "Fig 9: cosine of forward and transposed feedback weights, " + run.point().name(),
                List.of("layer", "epoch 1", "epoch 10", "last epoch", "first epoch at 90 % of the last"), summary,
                "The paper (Appendix 6.4, five-layer MNIST MLP): layers 1 and 5 rise fast and saturate, the middle ones "
                        + "slowly, bottom-up. Every epoch's value is in `fig9-curves.csv`."));
        ccl.io.AtomicFiles.writeString(curves, csv.toString());
        written.add(curves);
        return written;
    }

    /** The cosine after epoch {@code epoch}, or after the last one if the run is shorter. */
    private static double at(List<double[]> rows, int epoch) {
        return rows.stream().filter(r -> r[0] >= epoch).mapToDouble(r -> r[1]).findFirst().orElse(rows.get(rows.size() - 1)[1]);
    }
}
