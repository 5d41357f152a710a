package ccl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @Test
    void angleAxisEndsAt90UnlessAnAngleGoesPastIt() {
        assertEquals(90.0, Plots.angleAxisMax(0.0));
        assertEquals(90.0, Plots.angleAxisMax(90.0));
        assertEquals(120.0, Plots.angleAxisMax(90.2));
        assertEquals(150.0, Plots.angleAxisMax(121.0));
        assertEquals(180.0, Plots.angleAxisMax(179.9));
        assertEquals(180.0, Plots.angleAxisMax(180.0));
    }

    /** Pre-training epochs report the feedback loss: their own panel, left of the loss and the accuracy. */
    @Test
    void preTrainingEpochsGetTheirOwnLossPanel(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("metrics.jsonl"), "{\"epoch\":1,\"phase\":\"pretraining\",\"train_loss\":50,"
                + "\"val_loss\":2.3,\"val_acc\":0.1}\n{\"epoch\":2,\"phase\":\"training\",\"train_loss\":0.001,"
                + "\"val_loss\":0.5,\"val_acc\":0.85}\n");
        Plots.write(tmp, tmp);
        int three = ImageIO.read(tmp.resolve("curves.png").toFile()).getWidth();
        Files.writeString(tmp.resolve("metrics.jsonl"), "{\"epoch\":1,\"train_loss\":0.4,\"val_loss\":0.5,"
                + "\"val_acc\":0.85}\n");
        Plots.write(tmp, tmp);
        int two = ImageIO.read(tmp.resolve("curves.png").toFile()).getWidth();
        assertEquals(3 * two / 2, three);
    }

    @Test
    void everyLayerOfADeepModelGetsItsOwnColour(@TempDir Path tmp) throws Exception {
        // Seven layers, as a cnn_pool model logs (enc1..enc5, the linear pair and the output).
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            StringBuilder angles = new StringBuilder();
            for (int layer = 0; layer < 7; layer++) {
                angles.append(layer == 0 ? "" : ",").append("\"layer").append(layer).append("\":").append(20 + 10 * layer + e);
            }
            lines.add("{\"epoch\":" + e + ",\"train_loss\":0.5,\"weight_angle\":{" + angles + "}}");
        }
        Files.writeString(tmp.resolve("metrics.jsonl"), String.join("\n", lines) + "\n");

        Plots.write(tmp, tmp);

        BufferedImage image = ImageIO.read(tmp.resolve("weight_angle.png").toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        // matplotlib's tab10, in order: a colour missing from the picture would mean two series share one.
        int[] expected = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2};
        for (int c : expected) {
            assertTrue(colours.contains(c), String.format("series colour #%06x is drawn", c));
        }
    }

    @Test
    void ckaRecordsDrawAsOnePanelPerStepAndTheChangesBetweenThem(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("metrics.jsonl"), "{\"epoch\":1,\"train_loss\":0.5}\n");
        StringBuilder probes = new StringBuilder();
        for (int step : new int[] {0, 20, 40}) {
            double v = 0.2 + step / 100.0;
            probes.append("{\"probe\":\"cka\",\"step\":").append(step).append(",\"rows\":[\"b0\",\"target\"],")
                    .append("\"cols\":[\"input\",\"a1\"],\"cka\":[[").append(v).append(',').append(v).append("],[")
                    .append(v).append(',').append(v).append("]]}\n");
        }
        Files.writeString(tmp.resolve("probes.jsonl"), probes);

        List<Path> written = Plots.write(tmp, tmp);

        assertTrue(written.contains(tmp.resolve("cka.png")), written.toString());
        BufferedImage image = ImageIO.read(tmp.resolve("cka.png").toFile());
        assertEquals(3 * 380, image.getWidth(), "a panel per step");
        assertEquals(2 * 380, image.getHeight(), "and a row of changes under them");
    }

    @Test
    void aCnnRunGetsItsFirstLayerKernelsAndTheirFrequencyShare(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("metrics.jsonl"), "{\"epoch\":1,\"train_loss\":0.5}\n");
        Files.copy(Path.of("configs/cnn/cifar10_bp.yaml"), tmp.resolve("config.yaml")); // a CNN: its weights are read
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[] w = new float[20 * 3 * 9];
            for (int i = 0; i < w.length; i++) {
                w[i] = (i % 2 == 0) ? 1 : -1; // checkerboards in every channel
            }
            ccl.nn.Weights.write(tmp.resolve("best.npz"),
                    java.util.Map.of("enc1.forward_layer.weight", m.create(w, new ai.djl.ndarray.types.Shape(20, 3, 3, 3))));
        }

        List<Path> written = Plots.write(tmp, tmp);

        assertTrue(written.contains(tmp.resolve("kernels.png")) && written.contains(tmp.resolve("kernels.json")), written.toString());
        var json = ccl.io.Json.parseObject(Files.readString(tmp.resolve("kernels.json")));
        assertTrue(((Number) json.get("hf_energy_share")).doubleValue() > 0.95, json.toString());
        assertEquals(20, ((List<?>) json.get("per_kernel")).size());
    }
}
