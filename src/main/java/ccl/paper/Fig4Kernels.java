package ccl.paper;

import ccl.io.AtomicFiles;
import ccl.run.RunFolder;
import ccl.sweep.Sweeps;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fig 4: the first-layer kernels of the CIFAR-10 CNN trained by BP and by CCL, one above the other
 * ({@code fig4.png}, from each run's kernels.png), with the number that says what the picture says: the
 * mean share of each kernel's energy away from zero frequency ({@code fig4.md}, {@code fig4.csv}).
 */
final class Fig4Kernels implements RunFigure.Summary {
    @Override
    public List<Path> write(List<Sweeps.Entry> done, Path folder) {
        List<List<String>> rows = new ArrayList<>();
        List<BufferedImage> panels = new ArrayList<>();
        // BP above CCL, as the paper lays it out, in whatever order the spec lists them.
        List<Sweeps.Entry> ordered = done.stream()
                .sorted(java.util.Comparator.comparing((Sweeps.Entry e) -> !"BP".equals(e.point().resolve().getString("method"))))
                .toList();
        for (Sweeps.Entry e : ordered) {
            Path plotted = folder.resolve(e.point().name());
            Path json = plotted.resolve("kernels.json");
            if (!Files.isRegularFile(json)) {
                throw new IllegalStateException("fig4: " + e.dir() + " has no first convolution to draw (not a CNN run)");
            }
            double share = ((Number) RunFolder.readJson(json).get("hf_energy_share")).doubleValue();
            rows.add(List.of(e.point().resolve().getString("method"), e.point().name(), ItemText.number(share, 3)));
            panels.add(ItemText.png(plotted.resolve("kernels.png")));
        }
        Path figure = folder.resolve("fig4.png");
        AtomicFiles.writePng(figure, ccl.report.Plots.joined(panels, true));
        List<Path> written = new ArrayList<>(List.of(figure));
        written.addAll(ItemText.table(folder, "fig4", "Fig 4: first-layer kernels, energy away from zero frequency",
                List.of("method", "run", "hf_energy_share"), rows,
                "Each kernel's share of energy away from zero frequency in its 2-D DFT, `1 − Σ_c (Σ w_c)² / (k² Σ w²)`, "
                        + "averaged over the kernels of `enc1` (0 for a constant kernel, near 1 for a checkerboard). The "
                        + "paper shows BP's kernels with high-frequency patterns and CCL's smoother; it gives no number."));
        return written;
    }
}
