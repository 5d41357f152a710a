package ccl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {
    /** Sets the gradient of p to g by backpropagating sum(p·g). */
    private static void setGrad(NDManager m, Param p, float[] g) {
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            tape.backward(p.value().mul(m.create(g)).sum());
        }
    }

    @Test
    void momentumAndWeightDecayFollowTorchSemantics() {
        try (NDManager m = NDManager.newBaseManager()) {
            Param p = new Param("w", Side.FORWARD, m.create(new float[] {1f, -2f}));
            Sgd sgd = new Sgd(m, 0.1, 0.9, 0.01);
            // step 1: g = [0.5, 1] + 0.01·[1, -2] = [0.51, 0.98]; buf = g; p = [1, -2] − 0.1·g
            setGrad(m, p, new float[] {0.5f, 1f});
            sgd.step(List.of(p));
            Gradients.zero(List.of(p));
            assertArrayEquals(new float[] {0.949f, -2.098f}, p.value().toFloatArray(), 1e-6f);
            // step 2: g = [0.5, 1] + 0.01·p; buf = 0.9·buf + g; p −= 0.1·buf
            setGrad(m, p, new float[] {0.5f, 1f});
            sgd.step(List.of(p));
            float g0 = 0.5f + 0.01f * 0.949f;
            float g1 = 1f + 0.01f * -2.098f;
            assertArrayEquals(new float[] {0.949f - 0.1f * (0.9f * 0.51f + g0), -2.098f - 0.1f * (0.9f * 0.98f + g1)},
                    p.value().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void clippingScalesByTheGlobalNormAndCentralizationSkipsBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            Param a = new Param("a.weight", Side.FORWARD, m.zeros(new ai.djl.ndarray.types.Shape(1, 2)));
            Param b = new Param("b.weight", Side.FORWARD, m.zeros(new ai.djl.ndarray.types.Shape(1, 1)));
            try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
                NDArray loss = a.value().mul(m.create(new float[] {3f, 4f}).reshape(1, 2)).sum()
                        .add(b.value().mul(12f).sum());
                tape.backward(loss);
            }
            Gradients.clipGlobalNorm(List.of(a, b), 1.0); // ‖(3, 4, 12)‖ = 13
            float c = (float) (1 / (13 + 1e-6));
            assertArrayEquals(new float[] {3 * c, 4 * c}, a.grad().toFloatArray(), 1e-6f);
            Gradients.centralize(List.of(a));
            assertArrayEquals(new float[] {-0.5f * c, 0.5f * c}, a.grad().toFloatArray(), 1e-6f);

            Param bias = new Param("x.bias", Side.FORWARD, m.zeros(new ai.djl.ndarray.types.Shape(2, 2)));
            try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
                tape.backward(bias.value().mul(m.create(new float[] {1, 2, 3, 4}).reshape(2, 2)).sum());
            }
            Gradients.centralize(List.of(bias));
            assertArrayEquals(new float[] {1, 2, 3, 4}, bias.grad().toFloatArray());
        }
    }

    @Test
    void clippingBelowTheBoundLeavesEveryBitAsItWas() {
        try (NDManager m = NDManager.newBaseManager()) {
            Param a = new Param("a.weight", Side.FORWARD, m.zeros(new ai.djl.ndarray.types.Shape(3)));
            float[] g = {0.1f, -0.2f, Float.MIN_VALUE};
            setGrad(m, a, g);
            Gradients.clipGlobalNorm(List.of(a), 13.0);
            assertArrayEquals(g, a.grad().toFloatArray());
        }
    }

    @Test
    void cosineScheduleMatchesTheClosedForm() {
        CosineSchedule s = new CosineSchedule(1.0, 100, 0.001);
        assertArrayEquals(new double[] {1.0, 0.5005, 0.001},
                new double[] {s.lrAt(0), s.lrAt(50), s.lrAt(100)}, 1e-12);
        assertArrayEquals(new double[] {0.3}, new double[] {new CosineSchedule(0.3, 0, 0.001).lrAt(7)});
    }
}
