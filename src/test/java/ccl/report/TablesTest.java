package ccl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesTest {
    @TempDir
    Path dir;

    private void run(String name, String method, String dataset, int seed, Double testAcc) throws Exception {
        run(name, Map.of("method", method, "dataset", dataset, "seed", Integer.toString(seed)), testAcc);
    }

    private void run(String name, Map<String, String> keys, Double testAcc) throws Exception {
        run(name, keys, testAcc == null ? null : "finished", testAcc);
    }

    private void run(String name, Map<String, String> keys, String status, Double testAcc) throws Exception {
        Path d = Files.createDirectories(dir.resolve("sweep").resolve(name));
        Config.load(Path.of("configs/mlp/mnist_ccl.yaml")).withOverrides(keys).write(d.resolve("config.yaml"));
        Files.writeString(d.resolve("run.json"), "{\"status\": \"running\"}");
        if (status != null) {
            Files.writeString(d.resolve("summary.json"), "{\"status\": \"" + status + "\", \"test_acc\": " + testAcc + "}");
        }
    }

    /** What a shell makes of runs/sweeps/grid/*: the runs, and the sweep's own index and spec copy, which are skipped. */
    @Test
    void aGlobOverASweepFolderTakesItsRunsAndSkipsItsRecords() throws Exception {
        run("ccl-1", "CCL", "MNIST", 1, 0.97);
        run("bp-1", "BP", "MNIST", 1, 0.95);
        Path sweep = dir.resolve("sweep");
        Files.writeString(sweep.resolve("index.json"), "{}");
        Files.writeString(sweep.resolve("sweep.yaml"), "configs: []\n");
        List<Path> glob;
        try (var listing = Files.list(sweep)) {
            glob = listing.sorted().toList();
        }
        assertEquals(4, glob.size());
        assertEquals(2, Tables.collect(glob).size());

        Path stray = Files.writeString(dir.resolve("notes.txt"), "x");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tables.collect(List.of(sweep.resolve("ccl-1"), stray)));
        assertEquals(stray + ": a file, not a run folder or a sweep folder", e.getMessage());
    }

    @Test
    void cellsAreMeanAndSampleStdOverFinishedRunsWithTheBestMarked() throws Exception {
        run("ccl-1", "CCL", "MNIST", 1, 0.97);
        run("ccl-2", "CCL", "MNIST", 2, 0.98);
        run("ccl-3", "CCL", "MNIST", 3, 0.99);
        run("bp-1", "BP", "MNIST", 1, 0.95);
        run("bp-2", "BP", "MNIST", 2, 0.96);
        run("bp-3", "BP", "MNIST", 3, null); // still running
        run("fa-1", "FA", "MNIST", 1, 0.90);
        run("ccl-f", "CCL", "FashionMNIST", 1, 0.88);

        Tables.Table t = Tables.build(Tables.collect(List.of(dir)), "method", "dataset");

        Tables.Cell ccl = t.cell("CCL", "MNIST").orElseThrow();
        assertEquals(98.0, ccl.mean(), 1e-9);
        assertEquals(1.0, ccl.std(), 1e-9); // sqrt(((−1)² + 0 + 1²) / 2)
        Tables.Cell bp = t.cell("BP", "MNIST").orElseThrow();
        assertEquals(95.5, bp.mean(), 1e-9);
        assertEquals(Math.sqrt(0.5), bp.std(), 1e-9);
        assertEquals(1, bp.unfinished());
        assertEquals(List.of(1, 2, 3), List.of(ccl.rank(), bp.rank(), t.cell("FA", "MNIST").orElseThrow().rank()));
        assertEquals("98.13±0.10", ccl.paper());
        assertTrue(t.cell("BP", "FashionMNIST").isEmpty());

        String md = Tables.markdown(t);
        assertTrue(md.startsWith("| method \\ dataset | MNIST | paper | FashionMNIST | paper |\n"), md);
        assertTrue(md.contains("| CCL | **98.00 ± 1.00 (n=3)** | 98.13±0.10 | **88.00 (n=1)** | 88.58±0.29 |"), md);
        assertTrue(md.contains("| BP | <u>95.50 ± 0.71 (n=2; 1 not finished)</u> | 98.19±0.10 |  |  |"), md);
        assertTrue(Tables.csv(t).contains("CCL,MNIST,98.0000,1.0000,3,0,0,1,98.13±0.10\n"), Tables.csv(t));
        String html = Tables.html(t, "Table 1");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<td><b>98.00 ± 1.00 (n=3)</b></td>"), html);
    }

    @Test
    void settingsAreChosenOnTheValidationAccuracyOfTheTestedEpoch() throws Exception {
        run("lr1", Map.of("lr_F", "1", "seed", "1"), 0.90);
        run("lr3", Map.of("lr_F", "3", "seed", "1"), 0.95);
        // lr_F 3 tests better but validates worse at its best (tested) epoch 2: validation picks lr_F 1.
        Files.writeString(dir.resolve("sweep/lr1/metrics.jsonl"), "{\"epoch\":1,\"val_acc\":0.80}\n{\"epoch\":2,\"val_acc\":0.93}\n");
        Files.writeString(dir.resolve("sweep/lr3/metrics.jsonl"), "{\"epoch\":1,\"val_acc\":0.91}\n{\"epoch\":2,\"val_acc\":0.89}\n");
        for (String r : List.of("lr1", "lr3")) {
            Files.writeString(dir.resolve("sweep").resolve(r).resolve("summary.json"), "{\"status\": \"finished\", \"test_acc\": "
                    + (r.equals("lr1") ? 0.90 : 0.95) + ", \"best_epoch\": 2}");
        }

        Tables.Table val = Tables.build(Tables.collect(List.of(dir)), "lr_F", "dataset", Tables.Metric.VALIDATION);
        Tables.Table test = Tables.build(Tables.collect(List.of(dir)), "lr_F", "dataset");

        assertEquals(93.0, val.cell("1.0", "MNIST").orElseThrow().mean(), 1e-9);
        assertEquals(1, val.cell("1.0", "MNIST").orElseThrow().rank());
        assertEquals(1, test.cell("3.0", "MNIST").orElseThrow().rank());
        assertTrue(Tables.markdown(val).startsWith("| lr_F \\ dataset (validation accuracy) | MNIST |\n"), Tables.markdown(val));
    }

    @Test
    void aLearningRateGridStandsBesideFigSevenAndDrawsAsAHeatmap() throws Exception {
        run("a", Map.of("lr_F", "0.8", "lr_B", "0.4"), 0.981);
        run("b", Map.of("lr_F", "0.8", "lr_B", "0"), 0.962);
        run("c", Map.of("lr_F", "0.05", "lr_B", "0.4"), 0.955);

        Tables.Table t = Tables.build(Tables.collect(List.of(dir)), "lr_B", "lr_F");

        assertEquals("98.15", t.cell("0.4", "0.8").orElseThrow().paper());
        assertEquals("96.39", t.cell("0.0", "0.8").orElseThrow().paper());
        assertEquals("95.81", t.cell("0.4", "0.05").orElseThrow().paper());
        Path png = dir.resolve("fig7.png");
        Heatmaps.write(t, "Fig 7", png);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(2 * 560, image.getWidth(), "ours and the paper's side by side");
    }

    /** A grid of three keys in two axes: the rows by two keys together, in numeric order of each. */
    @Test
    void severalKeysMakeOneAxis() throws Exception {
        run("a", Map.of("lr_F", "1", "lr_B", "0.4", "seed", "1"), 0.90);
        run("b", Map.of("lr_F", "0.3", "lr_B", "0.4", "seed", "1"), 0.80);
        run("c", Map.of("lr_F", "0.3", "lr_B", "0.05", "seed", "1"), 0.70);
        run("d", Map.of("lr_F", "0.3", "lr_B", "0.05", "seed", "2"), 0.72);

        Tables.Table t = Tables.build(Tables.collect(List.of(dir)), "lr_F,lr_B", "dataset");

        assertEquals(List.of("0.3, 0.05", "0.3, 0.4", "1.0, 0.4"), t.rows());
        assertEquals(2, t.cell("0.3, 0.05", "MNIST").orElseThrow().values().size());
        assertEquals(1, t.cell("1.0, 0.4", "MNIST").orElseThrow().rank());
        assertTrue(Tables.markdown(t).startsWith("| lr_F,lr_B \\ dataset"), Tables.markdown(t));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tables.build(Tables.collect(List.of(dir)), "lr_F,nope", "dataset"));
        assertTrue(e.getMessage().contains("'nope' is not a config key"), e.getMessage());
    }

    /**
     * A run that diverged after an epoch was tested (the best before it) counts, and the cell says it
     * diverged; one that diverged before any epoch has no value. Keys of several columns are quoted in CSV.
     */
    @Test
    void divergedRunsAreCountedWhenTestedAndSaidSo() throws Exception {
        run("a", Map.of("lr_F", "1", "seed", "1"), 0.90);
        run("b", Map.of("lr_F", "1", "seed", "2"), "diverged", 0.80);
        run("c", Map.of("lr_F", "3", "seed", "1"), "diverged", null);

        Tables.Table t = Tables.build(Tables.collect(List.of(dir)), "lr_F,seed", "dataset");
        String md = Tables.markdown(t);
        assertTrue(md.contains("| 1.0, 2 | <u>80.00 (n=1; 1 diverged)</u> |"), md);
        assertTrue(md.contains("| 3.0, 1 | no finished run; 1 diverged |"), md);
        Tables.Table byRate = Tables.build(Tables.collect(List.of(dir)), "lr_F", "dataset");
        assertEquals(2, byRate.cell("1.0", "MNIST").orElseThrow().values().size());
        String csv = Tables.csv(t);
        assertTrue(csv.startsWith("\"lr_F,seed\",dataset,mean,std,n,not_finished,diverged,rank,paper\n"), csv);
        assertTrue(csv.contains("\n\"3.0, 1\",MNIST,,,0,0,1,,\n"), csv);
    }
}
