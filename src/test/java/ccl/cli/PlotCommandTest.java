package ccl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    private static final String ANGLES = ",\"weight_angle\":{\"layers.0\":%s,\"layers.1\":87.0,\"layers.2\":60.2}"
            + ",\"update_angle\":{\"layers.0\":85.3,\"layers.1\":70.2,\"layers.2\":0.0}";

    private static String epoch(int e, String valAcc, boolean angles) {
        return "{\"epoch\":" + e + ",\"train_loss\":" + (0.5 / (e + 1)) + ",\"val_loss\":" + (0.3 / (e + 1))
                + ",\"val_acc\":" + valAcc + ",\"lr_F\":1.0,\"steps\":211,\"rss_mb\":1400"
                + (angles ? String.format(ANGLES, 88.1 - e) : "") + "}";
    }

    private static BufferedImage png(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " is written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " decodes as an image");
        return image;
    }

    /** A chart has axes, lines and text, not one flat colour. */
    private static void assertDrawn(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, "colours: " + colours.size());
    }

    @Test
    void classificationRunWithAnglesGetsCurvesAndBothAnglePlots(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("mnist-ccl");
        Files.createDirectories(run);
        // A null val_acc in the middle is a gap, not an error.
        Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
                epoch(0, "0.91", true), epoch(1, "null", true), epoch(2, "0.95", true)) + "\n");
        Files.writeString(run.resolve("summary.json"), "{\n  \"test_acc\": 0.9512\n}\n");

        CliTest.Outcome o = CliTest.run("plot", run.toString());
        assertEquals(0, o.status(), o.err());
        List<Path> files = List.of(run.resolve("curves.png"), run.resolve("weight_angle.png"),
                run.resolve("weight_cosine.png"), run.resolve("update_angle.png"));
        assertEquals(files.stream().map(Path::toString).toList(), o.out().lines().toList());

        BufferedImage curves = png(files.get(0));
        assertTrue(curves.getWidth() > 2 * curves.getHeight(), "loss and accuracy side by side: "
                + curves.getWidth() + "x" + curves.getHeight());
        assertTrue(curves.getHeight() >= 300, "height " + curves.getHeight());
        assertDrawn(curves);
        for (Path angle : files.subList(1, 4)) {
            BufferedImage image = png(angle);
            assertTrue(image.getWidth() >= 600 && image.getHeight() >= 300, image.getWidth() + "x" + image.getHeight());
            assertDrawn(image);
        }
        try (Stream<Path> left = Files.list(run)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
    }

    @Test
    void runWithoutAnglesOrAccuracyGetsTheLossCurveOnly(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("stl10-ae");
        Files.createDirectories(run);
        // An autoencoder run: no accuracy, no angle keys (runs from before they were logged).
        Files.writeString(run.resolve("metrics.jsonl"), epoch(0, "null", false) + "\n" + epoch(1, "null", false) + "\n");
        Path out = tmp.resolve("plots");

        CliTest.Outcome o = CliTest.run("plot", run.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertEquals(List.of(out.resolve("curves.png").toString()), o.out().lines().toList());
        BufferedImage curves = png(out.resolve("curves.png"));
        assertTrue(curves.getWidth() < 2 * curves.getHeight(), "the loss chart alone: "
                + curves.getWidth() + "x" + curves.getHeight());
        assertDrawn(curves);
        for (String absent : List.of("weight_angle.png", "weight_cosine.png", "update_angle.png")) {
            assertFalse(Files.exists(out.resolve(absent)), absent);
        }
        assertFalse(Files.exists(run.resolve("curves.png")), "--out moves the output");
    }

    private static void assertOneLineError(CliTest.Outcome o, String... mentions) {
        assertEquals(2, o.status(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: "), o.err());
        for (String m : mentions) {
            assertTrue(o.err().contains(m), "mentions " + m + ": " + o.err());
        }
    }

    @Test
    void badInputIsOneClearErrorLine(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("nope");
        assertOneLineError(CliTest.run("plot", missing.toString()), missing.toString(), "no such folder");

        Path bare = tmp.resolve("bare");
        Files.createDirectories(bare);
        assertOneLineError(CliTest.run("plot", bare.toString()), bare.toString(), "no metrics.jsonl", "ccl train");

        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("metrics.jsonl"), epoch(0, "0.9", false) + "\n{\"epoch\":1,\"train_loss\":\n");
        assertOneLineError(CliTest.run("plot", broken.toString()), broken.resolve("metrics.jsonl") + ":2: not JSON");
        assertFalse(Files.exists(broken.resolve("curves.png")), "nothing is drawn from a malformed file");

        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("metrics.jsonl"), "");
        assertOneLineError(CliTest.run("plot", empty.toString()), empty.resolve("metrics.jsonl").toString(), "empty");

        Path wrongType = tmp.resolve("wrong-type");
        Files.createDirectories(wrongType);
        Files.writeString(wrongType.resolve("metrics.jsonl"), "{\"epoch\":0,\"train_loss\":\"high\"}\n");
        assertOneLineError(CliTest.run("plot", wrongType.toString()), "metrics.jsonl:1: train_loss is not a number");

        Path badAngle = tmp.resolve("bad-angle");
        Files.createDirectories(badAngle);
        Files.writeString(badAngle.resolve("metrics.jsonl"), epoch(0, "0.9", true) + "\n"
                + "{\"epoch\":1,\"train_loss\":0.4,\"weight_angle\":{\"layers.0\":true}}\n");
        assertOneLineError(CliTest.run("plot", badAngle.toString()),
                "metrics.jsonl:2: weight_angle.layers.0 is not a number");
        assertFalse(Files.exists(badAngle.resolve("curves.png")), "a bad value anywhere leaves no partial set of plots");
    }
}
