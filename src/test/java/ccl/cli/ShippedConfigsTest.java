package ccl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.InputPipelines;
import ccl.learn.LearningRules;
import ccl.nn.DualModel;
import ccl.nn.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped config validates and resolves its data pipelines and learning rule; every classification
 * model builds (the autoencoder's orthogonal initialization is left to AutoencoderTest, it is slow).
 */
class ShippedConfigsTest {
    static List<Path> configs() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("configs"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyConfigLoadsAndEveryImplementedModelBuilds() throws IOException {
        List<Path> all = configs();
        assertTrue(all.size() >= 23, "configs: " + all);
        int built = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (Path file : all) {
                Config c = Config.load(file);
                assertTrue(Models.isImplemented(c.getString("architecture")), file.toString());
                InputPipelines p = InputPipelines.forConfig(c);
                assertEquals(c.getString("method"), LearningRules.create(c).name(), file.toString());
                if (Models.isAutoencoder(c.getString("architecture"))) {
                    continue;
                }
                int side = p.train().outputSize(p.storage().imageSize());
                try (DualModel model = Models.build(m, c, p.storage().channels(), side, p.storage().numClasses())) {
                    assertEquals(p.storage().numClasses(), model.numClasses(), file.toString());
                    built++;
                }
            }
        }
        assertEquals(79, built);
    }
}
