package ccl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ccl.config.Config;
import ccl.learn.LearningRules;
import ccl.nn.DualModel;
import ccl.nn.Models;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The paper's Table 2 (batch 32), reproduced exactly by the analytic count; its arithmetic is in
 * ../shared/specs/analyses.md: BP = 2U + 2U + 2(U − d0·d1), CCL = 4U + (K/B)·4U + the alignment products.
 */
class FlopsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp/mnist_bp.yaml, 2391040", "mlp/mnist_ccl.yaml, 2551552", "mlp/cifar10_bp.yaml, 25227264",
            "mlp/cifar10_ccl.yaml, 27886080"})
    void tableTwoOfThePaper(String config, long flops) {
        assertEquals(flops, count(Config.load(Path.of("configs", config)), 32).total());
    }

    @Test
    void aConvolutionCostsItsOutputTimesItsKernelAndDetachingDropsInputGradients() {
        Config bp = Config.load(Path.of("configs/cnn/cifar10_bp.yaml"));
        Flops.Count count = count(bp, 32);
        Flops.Row first = count.rows().get(0);
        // 3·3·3 multiply-adds for each of 128 × 16 × 16 outputs (stride 2), 2 FLOPs each.
        assertEquals(2.0 * 3 * 9 * 128 * 16 * 16, first.forward());
        assertEquals(0, first.inputGradient(), "the first map's input is the image");
        assertEquals(count.rows().get(1).forward(), count.rows().get(1).inputGradient());

        Flops.Count ccl = count(bp.withOverrides(Map.of("method", "CCL")), 32);
        assertTrue(ccl.rows().stream().allMatch(r -> r.inputGradient() == 0), "CCL detaches every input");
        assertTrue(ccl.rows().stream().anyMatch(r -> r.map().name().equals("enc1.backward_layer")));
        assertTrue(ccl.ruleProducts() > 0);
    }

    private static Flops.Count count(Config config, int batch) {
        boolean mlp = config.getString("architecture").equals("simple_linear");
        int channels = config.getString("dataset").startsWith("CIFAR") ? 3 : 1;
        int size = channels == 3 ? 32 : 28;
        try (NDManager m = NDManager.newBaseManager();
             DualModel model = Models.build(m, config, channels, size, 10)) {
            return Flops.count(model, LearningRules.create(config), new Shape(channels, size, size), false, batch);
        }
    }
}
