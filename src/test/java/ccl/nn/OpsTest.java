package ccl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scalar factor on the tape must still be there at backward after a garbage collection. With DJL's
 * {@code x.mul(3f)} the factor lived in a Java buffer that was dropped when the call returned; a
 * collection and fresh direct buffers then put other bytes where backward read it (this test failed that way).
 */
class OpsTest {
    @Test
    void scalarFactorsSurviveAGarbageCollectionBeforeBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < 20; round++) {
                NDArray x = m.ones(new ai.djl.ndarray.types.Shape(4));
                x.setRequiresGradient(true);
                try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Ops.div(Ops.mul(x, 3f), 0.5f).sum();
                    churn();
                    tape.backward(y);
                }
                assertEquals(6f, x.getGradient().getFloat(0), "round " + round);
            }
        }
    }

    /** Frees what the collector can and reuses the memory with other values. */
    private static void churn() {
        System.gc();
        List<ByteBuffer> fill = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putFloat(0, 1e30f);
            fill.add(b);
        }
        fill.clear();
    }
}
