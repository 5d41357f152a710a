package ccl.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ccl.nn.ActivationFn;
import ccl.nn.DualModel;
import ccl.nn.LayerOptions;
import ccl.nn.Models;
import ccl.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRuleTest {
    static DualModel model(NDManager m) {
        m.getEngine().setRandomSeed(3);
        return Models.mlp(m, new int[] {6, 5, 4, 3}, new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 0, 0, true, true));
    }

    static float[] grad(DualModel model, String name, java.util.function.Supplier<NDArray> loss) {
        Param p = model.params().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            tape.backward(loss.get());
        }
        float[] g = p.grad().toFloatArray();
        model.params().forEach(q -> q.grad().subi(q.grad()));
        return g;
    }

    /** Detached inputs make CCL local: a hidden layer's gradient comes from its own depth's term alone. */
    @Test
    void cclGradientOfAHiddenLayerIsItsLocalTermOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = model(m);
            NDArray x = m.randomNormal(new Shape(8, 6));
            NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2, 0, 1});
            Ccl ccl = new Ccl((a, b, yy, mask) -> Losses.cclClassification(a, b, yy, mask, 0.5f), false);
            float[] full = grad(model, "enc2.forward_layer.weight", () -> ccl.loss(model, x, y));
            float[] local = grad(model, "enc2.forward_layer.weight", () -> {
                List<NDArray> a = model.forward(x, true);
                List<NDArray> b = model.reverse(model.classTargets(m), true);
                return Losses.cclClassification(a.get(2), b.get(2), y.oneHot(3), null, 0.5f);
            });
            assertArrayEquals(local, full, 1e-7f);
            assertTrue(java.util.Arrays.stream(new double[] {full[0], full[1]}).anyMatch(v -> v != 0));
        }
    }

    @Test
    void cclLossMatchesAHandComputedCase() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A = [[1, 0], [0, 2]], B = [[1, 1], [0, 1]], labels (0, 1): S = A·Bᵀ = [[1, 0], [2, 2]];
            // S − Y = [[0, 0], [2, 1]]; mean of squares 5/4; / d=2 · 0.5 · 256 = 80.
            NDArray a = m.create(new float[] {1, 0, 0, 2}, new Shape(2, 2));
            NDArray b = m.create(new float[] {1, 1, 0, 1}, new Shape(2, 2));
            NDArray oneHot = m.create(new long[] {0, 1}).oneHot(2);
            assertEquals(80f, Losses.cclClassification(a, b, oneHot, null, 0.5f).getFloat(), 1e-5f);
            // The mask of filter_target zeroes sample 1, leaving (S − Y) = [[0, 0], [0, −1]]: 1/4 / 2 · 128 = 16.
            NDArray mask = m.create(new float[] {1, 0});
            assertEquals(16f, Losses.cclClassification(a, b, oneHot, mask, 0.5f).getFloat(), 1e-5f);
            // Logits giving the true class p > 0.9 for sample 0 only.
            NDArray logits = m.create(new float[] {5, 0, 0, 1}, new Shape(2, 2));
            assertArrayEquals(new float[] {0, 1}, Losses.confidentSampleMask(logits, oneHot).toFloatArray());
            assertEquals((float) (Math.log(1 + Math.exp(-5)) + Math.log(1 + Math.exp(-1))) / 2,
                    Losses.crossEntropy(logits, m.create(new long[] {0, 1})).getFloat(), 1e-6f);
        }
    }

    @Test
    void cnnAndAutoencoderLossesMatchHandComputedCases() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Â = [[.6, .8], [0, 1]], B̂ = I, labels (0, 1): mean((Â − I)²) = .2; mean((ÂÂᵀ − I)²) = .32 × .5; B̂B̂ᵀ = I.
            NDArray a = m.create(new float[] {3, 4, 0, 2}, new Shape(2, 2));
            NDArray b = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
            NDArray oneHot = m.create(new long[] {0, 1}).oneHot(2);
            assertEquals(0.36f, Losses.cclClassificationNormalized(a, b, oneHot, null, 1f, 0.5f).getFloat(), 1e-6f);
            // A = [[1, 2], [3, 4]] against zeros, H = 2: mse 7.5 · 2 = 15; the centred, normalized maps add .25 · 2.
            NDArray map = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray zero = m.zeros(new Shape(1, 1, 2, 2));
            assertEquals(15f, Losses.autoencoderTerm(map, zero, false, 1f, 1f).getFloat(), 1e-5f);
            assertEquals(15.5f, Losses.autoencoderTerm(map, zero, true, 1f, 1f).getFloat(), 1e-5f);
        }
    }

    @Test
    void bpTrainsOnlyTheForwardNetworkAndCclBoth() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = model(m);
            assertTrue(new Backprop(false).trained(model).stream().allMatch(p -> p.name().contains("forward_layer")));
            Ccl ccl = new Ccl((a, b, yy, mask) -> Losses.cclClassification(a, b, yy, mask, 0.5f), false);
            assertEquals(model.params().size(), ccl.trained(model).size());
            // What a cost count needs: CCL and DFA/DRTP compute no input gradients, the backprop family does.
            assertTrue(ccl.detachesLayerInputs() && new DirectFeedback(false).detachesLayerInputs());
            assertTrue(!new Backprop(false).detachesLayerInputs());
            assertEquals(1, ccl.phases(model).size(), "a one-loss rule is one phase");
        }
    }
}
