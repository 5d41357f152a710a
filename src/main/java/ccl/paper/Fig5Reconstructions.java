package ccl.paper;

import ccl.io.AtomicFiles;
import ccl.report.PaperValues;
import ccl.report.Reconstructions;
import ccl.sweep.Sweeps;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fig 5 in the paper's layout: the same test images as ground truth, then BP's and CCL's reconstructions
 * ({@code fig5.png}, rows cut from each run's reconstructions.png), with the test MSE beside the paper's ({@code fig5.md}, {@code fig5.csv}).
 */
final class Fig5Reconstructions implements RunFigure.Summary {
    private static final int GAP = Reconstructions.GAP; // the same spacing as the runs' own grids
    private static final int LABEL = 110;

    @Override
    public List<Path> write(List<Sweeps.Entry> done, Path folder) {
        Sweeps.Entry bp = of(done, "BP");
        Sweeps.Entry ccl = of(done, "CCL");
        BufferedImage bpGrid = ItemText.png(bp.dir().resolve("reconstructions.png"));
        BufferedImage cclGrid = ItemText.png(ccl.dir().resolve("reconstructions.png"));
        if (bpGrid.getWidth() != cclGrid.getWidth() || bpGrid.getHeight() != cclGrid.getHeight()) {
            throw new IllegalStateException("fig5: the BP and CCL reconstructions differ in size ("
                    + bp.dir() + ", " + ccl.dir() + "); were they trained on the same data?");
        }
        List<BufferedImage> rows = List.of(Reconstructions.rows(bpGrid).get(0), Reconstructions.rows(bpGrid).get(1),
                Reconstructions.rows(cclGrid).get(1));
        int h = rows.get(0).getHeight();
        BufferedImage figure = new BufferedImage(LABEL + bpGrid.getWidth(), 3 * h + 2 * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = figure.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(16, h / 3))));
        List<String> labels = List.of("ground truth", "BP", "CCL");
        for (int i = 0; i < 3; i++) {
            g.drawImage(rows.get(i), LABEL, i * (h + GAP), null);
            g.drawString(labels.get(i), 6, i * (h + GAP) + h / 2 + 5);
        }
        g.dispose();
        Path png = folder.resolve("fig5.png");
        AtomicFiles.writePng(png, figure);
        List<List<String>> table = new ArrayList<>();
        for (Sweeps.Entry e : List.of(bp, ccl)) {
            ccl.config.Config c = e.point().resolve();
            String method = c.getString("method");
            table.add(List.of(method, c.getString("dataset"), e.point().name(),
                    ItemText.number(((Number) e.summary().get("test_mse")).doubleValue(), 4),
                    PaperValues.of(method, "STL10", c.getString("architecture")).orElse("")));
        }
        List<Path> written = new ArrayList<>(List.of(png));
        written.addAll(ItemText.table(folder, "fig5", "Fig 5: autoencoder reconstructions and test MSE",
                List.of("method", "dataset", "run", "test MSE", "paper, STL-10 (mean ± std of 5 seeds)"), table,
                "`fig5.png`: the first test images as ground truth, then BP's and CCL's reconstructions of them. The "
                        + "paper's figure and MSEs are on STL-10; CIFAR-10's images stand in where STL-10 is not here."));
        return written;
    }

    private static Sweeps.Entry of(List<Sweeps.Entry> done, String method) {
        return done.stream().filter(e -> e.point().resolve().getString("method").equals(method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("fig5: no finished " + method + " run"));
    }
}
