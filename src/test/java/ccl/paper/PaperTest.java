package ccl.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.sweep.LocalExecutor;
import ccl.sweep.SweepPoint;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperTest {
    @TempDir
    Path dir;

    @Test
    void tableTwoNeedsNoTrainingAndMatchesThePaper() throws Exception {
        List<Path> written = PaperItems.find("table2").orElseThrow()
                .make(new PaperItem.Options(dir, null, false, null, true, LocalExecutor.forCores(null, null)));
        String md = Files.readString(written.get(0));
        assertTrue(md.contains("| `configs/mlp/cifar10_ccl.yaml` | CCL | CIFAR10 | 27.8861 | 27.8861 | 27.89 |"), md);
        assertTrue(md.contains("| `configs/tp/mnist_drl.yaml` | DRL | MNIST | 26.5431 | 125.6545 | 125.73 |"), md);
    }

    /** Fig 4 is drawn from Table 3's runs and Fig 9 from Table 1's: the same points in the same folders. */
    @Test
    void itemsThatNeedTheSameRunsShareThem() {
        RunFigure fig4 = (RunFigure) PaperItems.find("fig4").orElseThrow();
        SweepTable table3 = (SweepTable) PaperItems.find("table3").orElseThrow();
        assertEquals(table3.specs(), fig4.specs());
        assertEquals(table3.quick(), fig4.quick());
        SweepSpec cnn = SweepSpec.load(fig4.specs().get(0));
        assertEquals(List.of("cifar10_ccl-seed1", "cifar10_bp-seed1"),
                SweepPoint.expand(cnn).stream().filter(fig4.points()).map(SweepPoint::name).toList());

        RunFigure fig9 = (RunFigure) PaperItems.find("fig9").orElseThrow();
        SweepTable table1 = (SweepTable) PaperItems.find("table1").orElseThrow();
        assertEquals(table1.specs().get(0), fig9.specs().get(0));
        assertEquals(table1.quick(), fig9.quick());
        assertEquals(List.of("mnist_ccl-seed1"), SweepPoint.expand(SweepSpec.load(fig9.specs().get(0))).stream()
                .filter(fig9.points()).map(SweepPoint::name).toList());

        // The quick variant of both expands to the same points: Fig 4's are among Table 3's, settings and all.
        PaperItem.Options quickly = new PaperItem.Options(dir, null, true, null, true, null);
        List<SweepPoint> table3Quick = SweepPoint.expand(quickly.variant(cnn, table3.quick()));
        assertEquals(4, table3Quick.size());
        assertTrue(table3Quick.containsAll(SweepPoint.expand(quickly.variant(cnn, fig4.quick())).stream()
                .filter(fig4.points()).toList()));

        // By default the spec's own folder, where 'ccl sweep' puts the runs; the quick variant's beside it.
        assertEquals(Path.of("runs/sweeps/table3_cnn"), new PaperItem.Options(dir, null, false, null, true, null).runsOf(cnn));
        assertEquals(Path.of("runs/sweeps/table3_cnn-quick"), new PaperItem.Options(dir, null, true, null, true, null).runsOf(cnn));
        assertEquals(dir.resolve("shared/table3_cnn"),
                new PaperItem.Options(dir, dir.resolve("shared"), false, null, true, null).runsOf(cnn));
    }

    /** --no-train writes an item from the runs that are there and starts none (there is no executor to start one). */
    @Test
    void noTrainLooksAtTheRunsAndStartsNone() {
        PaperItem.Options look = new PaperItem.Options(dir, dir.resolve("runs"), false, null, false, null);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PaperItems.find("table3").orElseThrow().make(look));
        assertEquals("table3: none of its sweeps has a run of its settings yet", e.getMessage());
        SweepSpec cnn = SweepSpec.load(Path.of("sweeps/table3_cnn.yaml"));
        List<Sweeps.Entry> plan = look.sweep(cnn, p -> true);
        assertEquals(20, plan.size());
        assertTrue(plan.stream().allMatch(x -> x.state() == Sweeps.State.PENDING), plan.toString());
        assertTrue(!Files.exists(dir.resolve("runs")), "nothing written");
    }

    /**
     * Of Fig 5's two specs the first whose data is here runs; when none is, training takes the first whose data a
     * source provides (here STL-10 has none and FashionMNIST has Debian's package), and looking takes the first.
     */
    @Test
    void aFigureRunsTheFirstSpecWhoseDataCanBeHad() throws Exception {
        Path data = dir.resolve("data");
        Path stl = spec("stl10.yaml", "configs/ae/stl10_bp_legacy_aug.yaml", data);
        Path fashion = spec("fmnist.yaml", "configs/mlp/fmnist_ccl.yaml", data);
        RunFigure fig = new RunFigure("figX", "", "", List.of(stl, fashion), Map.of(), (done, folder) -> List.of());
        ccl.data.DataOptions offline = ccl.data.DataOptions.defaults().withDownload(false)
                .withSharedDir(dir.resolve("no-shared"));

        assertEquals(stl, fig.chosen(false, offline).file());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed (.ci/run installs it); skipping the offline source");
        assertEquals(fashion, fig.chosen(true, offline).file());
        assertTrue(ccl.data.Datasets.present(ccl.data.DatasetId.FASHION_MNIST, data), "installed from the package");
        assertEquals(fashion, fig.chosen(false, offline).file(), "now its data is here");
    }

    private Path spec(String file, String config, Path data) throws Exception {
        return Files.writeString(dir.resolve(file), "configs: [" + config + "]\ngrid: {seed: [1]}\noptions: {data_dir: "
                + data + "}\nout: " + dir.resolve(file.replace(".yaml", "")) + "\n");
    }

    /** Table 1 is one table, as in the paper: a row per rule, whichever spec ran it. */
    @Test
    void tableOneIsOneTableOfTheRulesOfAllItsSpecs() throws Exception {
        Path runs = dir.resolve("runs");
        finish(runs, "sweeps/table1_ccl_bp.yaml", "mnist_ccl-seed1", 0.9801);
        finish(runs, "sweeps/table1_ccl_bp.yaml", "mnist_ccl-seed2", 0.9799);
        finish(runs, "sweeps/table1_tp.yaml", "mnist_fwdtp_bn-seed1", 0.9693);
        PaperItem.Options look = new PaperItem.Options(dir.resolve("paper"), runs, false, null, false, null);

        List<Path> written = PaperItems.find("table1").orElseThrow().make(look);

        assertEquals(List.of("table1.md", "table1.csv", "table1.html"),
                written.stream().map(f -> f.getFileName().toString()).toList());
        String md = Files.readString(written.get(0));
        assertTrue(md.contains("| CCL | **98.00 ± 0.01 (n=2)** | 98.13±0.10 |"), md);
        assertTrue(md.contains("| FWDTP-BN | <u>96.93 (n=1)</u> |"), md);
    }

    /** A finished run of the spec's point {@code name} under {@code runs/<spec>}, as the sweep writes it. */
    private static void finish(Path runs, String spec, String name, double testAcc) throws Exception {
        SweepSpec s = SweepSpec.load(Path.of(spec));
        SweepPoint p = SweepPoint.expand(s).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Path d = Files.createDirectories(runs.resolve(Path.of(spec).getFileName().toString().replace(".yaml", ""))
                .resolve(name));
        p.resolve().write(d.resolve("config.yaml"));
        Files.writeString(d.resolve("run.json"), ccl.io.Json.PRETTY.toJson(
                Map.of("spec", ccl.run.RunSpec.of(p.resolve()).withOptions(p.runOptions()).toMap())));
        Files.writeString(d.resolve("summary.json"), "{\"status\": \"finished\", \"test_acc\": " + testAcc + "}");
    }

    @Test
    void everyItemIsListedWithWhatItTakes() {
        assertEquals(List.of("table1", "table2", "table3", "fig3", "fig4", "fig5", "fig6", "fig7", "fig8", "fig9"),
                PaperItems.all().stream().map(PaperItem::name).toList());
        assertTrue(PaperItems.all().stream().allMatch(i -> !i.what().isEmpty() && !i.cost().isEmpty()));
        assertTrue(PaperItems.notYet().isEmpty());
    }

    @Test
    void figSixAveragesEachStepsMatrixOverTheSeeds() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("probes.jsonl"), "{\"probe\":\"cka\",\"step\":0,\"cka\":[[0.2,0.4]]}\n"
                + "{\"probe\":\"cka\",\"step\":20,\"cka\":[[0.5,0.5]]}\n");
        Files.writeString(b.resolve("probes.jsonl"), "{\"probe\":\"cka\",\"step\":0,\"cka\":[[0.4,0.6]]}\n"
                + "{\"probe\":\"cka\",\"step\":20,\"cka\":[[0.7,0.1]]}\n");

        List<Map<String, Object>> mean = Fig6Cka.mean(List.of(a, b));

        assertEquals(List.of(List.of(0.30000000000000004, 0.5)), mean.get(0).get("cka"));
        assertEquals(List.of(List.of(0.6, 0.3)), mean.get(1).get("cka"));
        assertEquals(2, mean.get(1).get("seeds"));
    }

    private static Sweeps.Entry entry(String name, String config, Path dir, Map<String, Object> summary) {
        return new Sweeps.Entry(new SweepPoint(name, Path.of(config), Map.of(), Map.of()), dir, Sweeps.State.DONE, null,
                summary);
    }

    /** A reconstructions.png as Reconstructions writes it: two rows of two 4x4 images, 2 px apart; rgb per row. */
    private static void grid(Path file, int truth, int reconstruction) throws Exception {
        java.awt.image.BufferedImage g = new java.awt.image.BufferedImage(10, 10, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                g.setRGB(x, y, y < 4 ? truth : y >= 6 ? reconstruction : 0);
            }
        }
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(g, "png", file.toFile());
    }

    @Test
    void figFiveStacksGroundTruthThenBpThenCclWithTheTestMse() throws Exception {
        grid(dir.resolve("bp").resolve("reconstructions.png"), 0x00ff00, 0x0000ff);
        grid(dir.resolve("ccl").resolve("reconstructions.png"), 0x00ff00, 0xff0000);
        List<Sweeps.Entry> done = List.of(
                entry("bp", "configs/ae/stl10_bp_legacy_aug.yaml", dir.resolve("bp"), Map.of("test_mse", 0.00612)),
                entry("ccl", "configs/ae/stl10_ccl_legacy_aug.yaml", dir.resolve("ccl"), Map.of("test_mse", 0.0091)));

        new Fig5Reconstructions().write(done, dir);

        java.awt.image.BufferedImage fig = javax.imageio.ImageIO.read(dir.resolve("fig5.png").toFile());
        assertEquals(3 * 4 + 2 * 2, fig.getHeight());
        int x = fig.getWidth() - 1;
        assertEquals(0x00ff00, fig.getRGB(x, 1) & 0xffffff, "ground truth on top");
        assertEquals(0x0000ff, fig.getRGB(x, 7) & 0xffffff, "BP's reconstruction in the middle");
        assertEquals(0xff0000, fig.getRGB(x, 13) & 0xffffff, "CCL's at the bottom");
        String md = Files.readString(dir.resolve("fig5.md"));
        assertTrue(md.contains("| BP | STL10 | bp | 0.0061 | 0.0059±0.0001 |") && md.contains("| CCL | STL10 | ccl | 0.0091 | 0.0086±0.0001 |"), md);
    }

    @Test
    void figFourTellsTheKernelsEnergyAwayFromZeroFrequencyPerMethod() throws Exception {
        for (String run : List.of("cnn_bp", "cnn_ccl")) {
            Path plotted = Files.createDirectories(dir.resolve(run));
            Files.writeString(plotted.resolve("kernels.json"), "{\"hf_energy_share\": " + (run.endsWith("bp") ? 0.71 : 0.42) + "}");
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", plotted.resolve("kernels.png").toFile());
        }
        // In Table 3's order, CCL first: the figure still puts BP on top.
        List<Sweeps.Entry> done = List.of(entry("cnn_ccl", "configs/cnn/cifar10_ccl.yaml", dir, Map.of()),
                entry("cnn_bp", "configs/cnn/cifar10_bp.yaml", dir, Map.of()));

        new Fig4Kernels().write(done, dir);

        assertEquals(40, javax.imageio.ImageIO.read(dir.resolve("fig4.png").toFile()).getHeight(), "BP above CCL");
        String csv = Files.readString(dir.resolve("fig4.csv"));
        assertEquals("method,run,hf_energy_share\nBP,cnn_bp,0.710\nCCL,cnn_ccl,0.420\n", csv);
    }

    @Test
    void figNineGivesEachLayersCosineOverTheEpochs() throws Exception {
        Path run = Files.createDirectories(dir.resolve("mnist_ccl-seed1"));
        StringBuilder metrics = new StringBuilder();
        for (int e = 1; e <= 12; e++) {
            // enc1 at 60 degrees from epoch 2 on (cosine 0.5), enc2 turning from 90 to 0 degrees over the epochs
            metrics.append("{\"epoch\":").append(e).append(",\"train_loss\":0.5,\"weight_angle\":{\"enc1\":")
                    .append(e == 1 ? 90 : 60).append(",\"enc2\":").append(90 - 90.0 * (e - 1) / 11).append("}}\n");
        }
        Files.writeString(run.resolve("metrics.jsonl"), metrics);
        ccl.report.Plots.write(run, dir.resolve("mnist_ccl-seed1"));

        new Fig9WeightCosine().write(List.of(entry("mnist_ccl-seed1", "configs/paper/mlp/mnist_ccl.yaml", run, Map.of())), dir);

        String md = Files.readString(dir.resolve("fig9.md"));
        assertTrue(md.contains("| enc1 | 0.000 | 0.500 | 0.500 | 2 |"), md);
        assertTrue(md.contains("| enc2 | 0.000 | 0.959 | 1.000 | 9 |"), md);
        assertEquals(1 + 2 * 12, Files.readAllLines(dir.resolve("fig9-curves.csv")).size());
        assertTrue(Files.isRegularFile(dir.resolve("fig9.png")));
    }

    @Test
    void tsneCountsTheClassCodesLyingNearestTheirOwnClassesCentroid() {
        List<Number> labels = List.of(0, 0, 1, 1);
        List<List<Number>> points = List.of(List.of(-1, 0), List.of(1, 0), List.of(9, 10), List.of(11, 10));
        // class 0's code beside its own cluster (centroid (0, 0)); class 1's beside class 0's too
        assertEquals(1, TsneCodes.ownClusterNearest(labels, points, List.of(List.of(1, 1), List.of(0, 2))));
        assertEquals(2, TsneCodes.ownClusterNearest(labels, points, List.of(List.of(1, 1), List.of(8, 8))));
    }
}
