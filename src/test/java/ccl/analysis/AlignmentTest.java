package ccl.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ccl.config.Config;
import ccl.learn.Backprop;
import ccl.learn.LearningRule;
import ccl.learn.LearningRules;
import ccl.nn.ActivationFn;
import ccl.nn.DualModel;
import ccl.nn.LayerOptions;
import ccl.nn.Models;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlignmentTest {
    private static DualModel mlp(NDManager m, int fwBn) {
        m.getEngine().setRandomSeed(5);
        return Models.mlp(m, new int[] {100, 256, 256, 10}, new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, fwBn, 0, true, true));
    }

    /** A batch of n random inputs of 100 features (shifted by {@code offset}) with random labels. */
    private static NDArray[] batch(NDManager m, int n, float offset) {
        return new NDArray[] {m.randomNormal(new Shape(n, 100)).add(offset),
            m.randomInteger(0, 10, new Shape(n), ai.djl.ndarray.types.DataType.INT64)};
    }

    private static LearningRule rule(String method) {
        String file = method.equals("CCL") ? "configs/mlp/mnist_ccl.yaml" : "configs/baselines/mnist_" + method.toLowerCase() + ".yaml";
        return LearningRules.create(Config.load(Path.of(file)));
    }

    @Test
    void backpropAgainstItselfIsZeroDegrees() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = mlp(m, 0);
            NDArray[] xy = batch(m, 64, 0);
            Map<String, Double> angles = Alignment.updateAngles(model, new Backprop(false), new Backprop(false), xy[0], xy[1]);
            assertEquals(3, angles.size());
            angles.values().forEach(a -> assertTrue(a < 1e-3, "BP vs BP: " + angles));
            Alignment.weightAngles(model, new Backprop(false)).values().forEach(a -> assertTrue(a < 1e-3, "weights"));
        }
    }

    /**
     * With random feedback the hidden layers' updates start unrelated to backprop's (near 90 degrees);
     * the output layer learns from the true error in every rule (0 degrees).
     */
    @Test
    void randomFeedbackStartsNearNinetyDegrees() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = mlp(m, 0);
            NDArray[] xy = batch(m, 64, 0);
            for (String method : new String[] {"FA", "DFA", "DRTP"}) {
                Map<String, Double> angles = Alignment.updateAngles(model, rule(method), new Backprop(false), xy[0], xy[1]);
                for (String layer : new String[] {"enc1", "enc2"}) {
                    assertTrue(Math.abs(angles.get(layer) - 90) < 15, method + " " + layer + ": " + angles);
                }
                assertTrue(angles.get("output") < 1e-3, method + " output: " + angles);
            }
            Map<String, Double> fa = Alignment.weightAngles(model, rule("FA"));
            fa.values().forEach(a -> assertTrue(Math.abs(a - 90) < 10, "FA's random feedback weights: " + fa));
            assertEquals(Map.of(), Alignment.weightAngles(model, rule("DFA")), "DFA has no layer-wise feedback");
        }
    }

    /** The probe leaves no trace: BatchNorm statistics, weights and gradients are as before. */
    @Test
    void theProbeLeavesTheModelAsItWas() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = mlp(m, 1);
            NDArray[] xy = batch(m, 32, 3);
            Map<String, NDArray> before = model.snapshot(m);
            Alignment.updateAngles(model, rule("CCL"), new Backprop(false), xy[0], xy[1]);
            model.state().forEach((k, v) -> assertArrayEquals(floats(before.get(k)), floats(v), k));
            model.params().forEach(p -> assertEquals(0f, p.grad().abs().sum().getFloat(), p.name()));
        }
    }

    private static float[] floats(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    @Test
    void anglesOfKnownVectors() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(90, Alignment.degrees(m.create(new float[] {1, 0}), m.create(new float[] {0, 3})), 1e-9);
            assertEquals(45, Alignment.degrees(m.create(new float[] {1, 0}), m.create(new float[] {2, 2})), 1e-9);
            assertEquals(180, Alignment.degrees(m.create(new float[] {1, 1}), m.create(new float[] {-1, -1})), 1e-9);
            assertTrue(Double.isNaN(Alignment.degrees(m.create(new float[] {0, 0}), m.create(new float[] {1, 1}))));
        }
    }
}
