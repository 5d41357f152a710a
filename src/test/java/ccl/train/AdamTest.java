package ccl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamTest {
    private static final float[][] GRADS = {{0.5f, 1f, -3f}, {0.25f, -1f, 2f}, {0f, 0.5f, 1f}};

    /**
     * Recorded with Debian's PyTorch 1.13: {@code torch.optim.Adam([p], lr=0.01, betas=(0.8, 0.99), eps=1e-6,
     * weight_decay=0.1)} from p = [1, -2, 0.5], three steps with the gradients of {@link #GRADS}.
     */
    private static final float[][] TORCH = {{0.9900000095367432f, -2.009999990463257f, 0.5099999904632568f},
            {0.980604887008667f, -2.006948471069336f, 0.5106762647628784f},
            {0.9728685021400452f, -2.006227493286133f, 0.5091477632522583f}};

    @Test
    void threeStepsAgreeWithTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            Param p = new Param("w", Side.FORWARD, m.create(new float[] {1f, -2f, 0.5f}));
            Adam adam = new Adam(m, 0.01, new Adam.Settings(0.8, 0.99, 1e-6, 0.1));
            for (int t = 0; t < 3; t++) {
                step(m, adam, p, GRADS[t]);
                assertArrayEquals(TORCH[t], p.value().toFloatArray(), 2e-7f, "step " + (t + 1));
            }
            assertArrayEquals(new float[] {0.15225210785865784f, -0.02989896945655346f, 0.16077351570129395f},
                    adam.state().get("exp_avg.w").toFloatArray(), 1e-7f);
            assertEquals(3.0, adam.state().get("step.w").getDouble());
        }
    }

    @Test
    void stateTakenBackContinuesAsIfNeverStopped() {
        try (NDManager m = NDManager.newBaseManager()) {
            Param p = new Param("w", Side.FORWARD, m.create(new float[] {1f, -2f, 0.5f}));
            Adam first = new Adam(m, 0.01, new Adam.Settings(0.8, 0.99, 1e-6, 0.1));
            step(m, first, p, GRADS[0]);
            Map<String, NDArray> saved = Map.copyOf(first.state());
            Adam second = new Adam(m, 0.01, new Adam.Settings(0.8, 0.99, 1e-6, 0.1));
            second.load(saved, List.of(p));
            step(m, second, p, GRADS[1]);
            assertArrayEquals(TORCH[1], p.value().toFloatArray(), 2e-7f);
        }
    }

    private static void step(NDManager m, Adam adam, Param p, float[] grad) {
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            tape.backward(p.value().mul(m.create(grad)).sum());
        }
        adam.step(List.of(p));
        Gradients.zero(List.of(p));
    }
}
