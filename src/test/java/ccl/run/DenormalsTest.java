package ccl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DenormalsTest {
    private static final float SUBNORMAL = Float.MIN_NORMAL / 4;

    /** The engine's product of a subnormal and 1, computed in the calling thread. */
    private static float timesOne() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            return m.create(new float[] {SUBNORMAL}).mul(1f).toFloatArray()[0];
        }
    }

    @Test
    void aThreadThatResolvesTheDeviceFlushesSubnormalsToZero() throws Exception {
        AtomicReference<float[]> seen = new AtomicReference<>();
        // A fresh thread, so that what an earlier test did to this one does not count.
        Thread t = new Thread(() -> {
            float before = timesOne();
            Runs.device("cpu");
            seen.set(new float[] {before, timesOne()});
        });
        t.start();
        t.join();
        // The setting is the thread's: a new thread keeps subnormals until it resolves the device, which is why
        // every run (a Spark task's thread too) does so before its first operation.
        assertEquals(SUBNORMAL, seen.get()[0]);
        assertEquals(0f, seen.get()[1]);
    }

    @Test
    void provenanceSaysWhatRunsDoWithSubnormalsAndOnWhichProcessor() {
        Runs.device("cpu");
        assertTrue(Denormals.state().startsWith("flushed to zero"), Denormals.state());
        Map<String, Object> p = Provenance.describe(1);
        assertEquals(Denormals.state(), p.get("denormals"));
        // Their cost depends on the processor, and so do the timings recorded beside them.
        assertFalse(p.get("cpu").toString().isBlank(), p.toString());
    }
}
