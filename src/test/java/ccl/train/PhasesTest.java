package ccl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.config.Config;
import ccl.data.ImageSet;
import ccl.nn.DualModel;
import ccl.nn.Models;
import ccl.nn.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step of several phases, each updating only its own parameters, in order; pre-training steps run theirs. */
class PhasesTest {
    @Test
    void phasesRunInOrderAndEachUpdatesOnlyItsParameters() {
        Config config = ResumeTest.config("simple_linear", "BP").withOverrides(Map.of("warmup", "0"));
        ImageSet data = ResumeTest.images(8, 1, 28, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.build(m, config, 1, 28, 10);
            FeedbackFirstRule rule = new FeedbackFirstRule();
            TrainingStep step = new TrainingStep(model, rule, config, m);
            NDArray x = m.create(data.pixels()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).div(255f)
                    .reshape(8, 784);
            NDArray y = m.create(data.labels()).toType(ai.djl.ndarray.types.DataType.INT64, false);

            Map<String, NDArray> before = model.snapshot(m);
            try (NDScope ignored = new NDScope()) {
                step.pretrain(x, y, 0);
            }
            assertEquals(List.of("feedback"), rule.calls);
            assertChanged(model, before, Side.BACKWARD, true);
            assertChanged(model, before, Side.FORWARD, false);

            before = model.snapshot(m);
            try (NDScope ignored = new NDScope()) {
                step.run(x, y, 1);
            }
            assertEquals(List.of("feedback", "feedback", "feedback", "forward"), rule.calls);
            assertChanged(model, before, Side.BACKWARD, true);
            assertChanged(model, before, Side.FORWARD, true);
            assertEquals(2, step.globalStep(), "a step counts once, whatever its phases");
        }
    }

    private static void assertChanged(DualModel model, Map<String, NDArray> before, Side side, boolean changed) {
        for (var p : model.params(side)) {
            float diff = p.value().sub(before.get(p.name())).abs().sum().getFloat();
            assertEquals(changed, diff > 0, p.name() + " changed by " + diff);
        }
        assertTrue(!model.params(side).isEmpty());
    }
}
