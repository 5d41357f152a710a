package ccl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DualModelTest {
    static final LayerOptions ELU = new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 0, 0, true, true);

    @Test
    void forwardAndReverseListsPairUpByDepth() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.mlp(m, Models.mlpWidths("MNIST", 784, 10), ELU);
            List<NDArray> acts = model.forward(m.zeros(new Shape(4, 784)), true);
            List<NDArray> sigs = model.reverse(model.classTargets(m), true);
            assertEquals(7, acts.size());
            assertEquals(7, sigs.size());
            long[] widths = {784, 256, 256, 256, 256, 256, 10};
            for (int i = 0; i < 7; i++) {
                assertEquals(new Shape(4, widths[i]), acts.get(i).getShape());
                assertEquals(new Shape(10, widths[i]), sigs.get(i).getShape());
            }
            assertArrayEquals(new int[] {3072, 1024, 1024, 1024, 100}, Models.mlpWidths("CIFAR100", 3072, 100));
        }
    }

    @Test
    void stateDictUsesTheReferenceNamesAndOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.mlp(m, new int[] {3072, 1024, 1024, 1024, 10},
                    new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 1, 2, true, true));
            List<String> keys = List.copyOf(model.state().keySet());
            assertEquals(List.of("enc1.forward_layer.weight", "enc1.backward_layer.weight",
                    "enc1.forward_bn.weight", "enc1.forward_bn.bias", "enc1.forward_bn.running_mean",
                    "enc1.forward_bn.running_var", "enc1.forward_bn.num_batches_tracked",
                    "enc1.backward_bn.weight", "enc1.backward_bn.bias", "enc1.backward_bn.running_mean",
                    "enc1.backward_bn.running_var", "enc1.backward_bn.num_batches_tracked"), keys.subList(0, 12));
            assertTrue(keys.contains("output.backward_layer.weight"));
            assertEquals(new Shape(1024, 3072), model.state().get("enc1.forward_layer.weight").getShape());
            assertEquals(new Shape(3072, 1024), model.state().get("enc1.backward_layer.weight").getShape());
            // fw_bn 1 normalizes the forward map's input (3072), bw_bn 2 the feedback map's output (3072).
            assertEquals(new Shape(3072), model.state().get("enc1.forward_bn.running_mean").getShape());
            assertEquals(new Shape(3072), model.state().get("enc1.backward_bn.running_mean").getShape());
        }
    }

    @Test
    void initializationIsPyTorchsDefaultUniform() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            DualModel model = Models.mlp(m, new int[] {784, 256, 10}, ELU);
            NDArray w = model.state().get("enc1.forward_layer.weight");
            float bound = (float) (1 / Math.sqrt(784));
            assertTrue(w.abs().max().getFloat() <= bound);
            assertTrue(w.abs().max().getFloat() > 0.95f * bound);
            assertTrue(model.state().get("enc1.backward_layer.weight").abs().max().getFloat() > 1 / Math.sqrt(784));
        }
    }

    @Test
    void weightsRoundTripThroughNpzAndBadFilesFailClearly(@TempDir Path tmp) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel a = Models.mlp(m, new int[] {784, 256, 10}, new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 2, 0, true, true));
            a.forward(m.ones(new Shape(8, 784)), true); // moves the BatchNorm statistics off their start
            Path file = tmp.resolve("w.npz");
            Weights.write(file, a.state());
            DualModel b = Models.mlp(m, new int[] {784, 256, 10}, new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 2, 0, true, true));
            b.load(Weights.read(file, m), file.toString());
            for (Map.Entry<String, NDArray> e : a.state().entrySet()) {
                assertArrayEquals(e.getValue().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(),
                        b.state().get(e.getKey()).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(), 0,
                        e.getKey());
            }
            assertEquals(1L, b.state().get("enc1.forward_bn.num_batches_tracked").getLong());
            assertFalse(Files.list(tmp).anyMatch(p -> p.toString().endsWith(".part")));

            Path foreign = tmp.resolve("foreign.npz");
            Files.writeString(foreign, "not a zip");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Weights.read(foreign, m));
            assertTrue(e.getMessage().contains("foreign.npz"), e.getMessage());

            DualModel wide = Models.mlp(m, new int[] {784, 128, 10}, ELU);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> wide.load(Weights.read(file, m), file.toString()));
            assertTrue(shape.getMessage().contains("enc1.forward_layer.weight"), shape.getMessage());
        }
    }
}
