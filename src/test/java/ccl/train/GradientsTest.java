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

class GradientsTest {
    @Test
    void zeroingClearsANonFiniteGradientToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            Param p = new Param("w", Side.FORWARD, m.create(new float[] {1f, 2f}));
            backward(p, Float.NaN);
            Gradients.zero(List.of(p));
            // g - g, the old way, left NaN here and in every later step.
            assertArrayEquals(new float[] {0f, 0f}, p.grad().toFloatArray());

            backward(p, 3f);
            assertArrayEquals(new float[] {3f, 3f}, p.grad().toFloatArray());
        }
    }

    private static void backward(Param p, float factor) {
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            NDArray y = p.value().mul(p.value().getManager().full(p.value().getShape(), factor)).sum();
            tape.backward(y);
        }
    }
}
