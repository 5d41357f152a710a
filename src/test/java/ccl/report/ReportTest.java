package ccl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    private Path run(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve("sweep").resolve(name));
        Config.load(Path.of("configs/mlp/mnist_ccl.yaml")).withOverrides(Map.of("seed", "1")).write(d.resolve("config.yaml"));
        Files.writeString(d.resolve("run.json"), "{\"status\": \"finished\", \"data\": {\"copy\": \"the official files\"}}");
        Files.writeString(d.resolve("summary.json"), "{\"status\": \"finished\", \"test_acc\": 0.97}");
        Files.writeString(d.resolve("metrics.jsonl"), "{\"epoch\":1,\"train_loss\":0.5,\"val_loss\":0.4,\"val_acc\":0.9,"
                + "\"weight_angle\":{\"enc1\":80}}\n{\"epoch\":2,\"train_loss\":0.4,\"val_loss\":0.3,\"val_acc\":0.95,"
                + "\"weight_angle\":{\"enc1\":70}}\n");
        return d;
    }

    @Test
    void aRunsPageHoldsEveryFigureAsADecodablePngAndItsProvenance() throws Exception {
        Path d = run("a");

        String html = Files.readString(Report.write(d));

        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth() > 100);
            count++;
        }
        assertEquals(3, count, "curves, weight angle and weight cosine");
        assertTrue(html.contains("the official files") && html.contains("lr_F"), "provenance and config");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"));
    }

    @Test
    void aSweepsPageHoldsItsTable() throws Exception {
        run("a");
        Files.writeString(dir.resolve("sweep").resolve("index.json"), "{\"points\": []}");

        String html = Files.readString(Report.write(dir.resolve("sweep")));

        assertTrue(html.contains("<td><b>97.00 (n=1)</b></td>"), html);
    }
}
