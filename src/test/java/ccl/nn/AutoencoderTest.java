package ccl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The legacy autoencoder, built once: its orthogonal initialization is the costly part. */
class AutoencoderTest {
    static final LayerOptions RELU = new LayerOptions(ActivationFn.RELU, ActivationFn.RELU, 2, 2, true, true);
    static NDManager m;
    static DualModel ae;

    @BeforeAll
    static void build() {
        m = NDManager.newBaseManager();
        ae = Models.autoencoder(m, 3, RELU);
    }

    @AfterAll
    static void close() {
        m.close();
    }

    @Test
    void activationsAndSignalsPairUpByDepthWithTheReferenceNames() {
        try (NDScope ignored = new NDScope()) {
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 32, 32));
            List<NDArray> acts = ae.forward(x, true);
            List<NDArray> sigs = ae.reverse(x, true);
            long[][] shapes = {{3, 32}, {128, 16}, {256, 8}, {1024, 4}, {2048, 2}, {1024, 4}, {256, 8}, {128, 16}, {3, 32}};
            assertEquals(9, acts.size());
            assertEquals(9, sigs.size());
            for (int i = 0; i < 9; i++) {
                Shape want = new Shape(2, shapes[i][0], shapes[i][1], shapes[i][1]);
                assertEquals(want, acts.get(i).getShape(), "activation " + i);
                assertEquals(want, sigs.get(i).getShape(), "signal " + i);
            }
            DualModelTest.assertStagesMatch(ae, new Shape(3, 32, 32), x, x);
            var state = ae.state();
            for (String key : List.of("enc1.forward_layer.bias", "enc1.backward_layer.bias", "enc1.forward_bn.running_mean",
                    "enc1.backward_bn.running_var", "dec1.forward_bn.weight", "dec1.backward_bn1.running_mean",
                    "dec4.backward_layer.weight")) {
                assertTrue(state.containsKey(key), key + " in " + state.keySet());
            }
        }
    }

    @Test
    void initializationIsOrthogonalThenRescaledAsTheReference() {
        try (NDScope ignored = new NDScope()) {
            var s = ae.state();
            // enc4 forward: 2048 x (1024·9), orthonormal rows.
            NDArray w = s.get("enc4.forward_layer.weight").reshape(2048, -1);
            assertTrue(w.matMul(w.transpose()).sub(m.eye(2048)).abs().max().getFloat() < 1e-4f);
            // dec3 forward (256, 1024, 3, 3): first axis smaller, so orthogonal over the permuted (1024, 256·9), then ×0.001.
            NDArray d = s.get("dec3.forward_layer.weight").transpose(1, 0, 2, 3).reshape(1024, -1).mul(1000f);
            assertTrue(d.matMul(d.transpose()).sub(m.eye(1024)).abs().max().getFloat() < 1e-3f);
            assertEquals(0f, s.get("dec1.forward_layer.weight").abs().max().getFloat());
            assertEquals(0f, s.get("enc1.backward_layer.weight").abs().max().getFloat());
            assertEquals(0f, s.get("enc2.forward_layer.bias").abs().max().getFloat());
            assertTrue(s.get("enc2.backward_layer.bias").abs().max().getFloat() > 0);
        }
    }
}
