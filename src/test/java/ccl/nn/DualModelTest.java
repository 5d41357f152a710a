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

    /** The shapes a model reports for its maps are the ones its stages produce (the autoencoder: AutoencoderTest). */
    @Test
    void describedShapesAreTheShapesTheStagesProduce() {
        LayerOptions bn = new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 2, 2, true, true);
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel mlp = Models.mlp(m, Models.mlpWidths("MNIST", 784, 10), ELU);
            assertStagesMatch(mlp, new Shape(784), m.zeros(new Shape(2, 784)), mlp.classTargets(m));
            // 784·256 + 4·256·256 + 256·10 multiply-adds per sample, forward; the same back.
            assertEquals(465_408L, mlp.describe(new Shape(784)).stream().filter(i -> i.side() == Side.FORWARD)
                    .mapToLong(MapInfo::multiplyAdds).sum());
            for (boolean pooled : new boolean[] {false, true}) {
                DualModel cnn = Models.cnn(m, 3, 10, pooled, bn);
                assertStagesMatch(cnn, new Shape(3, 32, 32), m.zeros(new Shape(2, 3, 32, 32)), cnn.classTargets(m));
            }

            List<MapInfo> maps = Models.cnn(m, 3, 10, true, bn).describe(new Shape(3, 32, 32));
            assertEquals(List.of("conv3x3", "conv3x3", "maxpool2x2", "upsample2x"),
                    maps.subList(0, 4).stream().map(MapInfo::op).toList());
            assertEquals("enc1.backward_layer", maps.get(1).name());
            assertTrue(maps.get(maps.size() - 2).bare() && maps.get(1).bare(), "the last map in each direction runs bare");
        }
    }

    static void assertStagesMatch(DualModel model, Shape sample, NDArray x, NDArray targets) {
        model.eval();
        List<NDArray> acts = model.forward(x, true);
        List<NDArray> sigs = model.reverse(targets, true);
        List<MapInfo> maps = model.describe(sample);
        for (int i = 0; i < model.depth(); i++) {
            int stage = i;
            List<MapInfo> fwd = maps.stream().filter(mi -> mi.stage() == stage && mi.side() == Side.FORWARD).toList();
            List<MapInfo> back = maps.stream().filter(mi -> mi.stage() == stage && mi.side() == Side.BACKWARD).toList();
            assertEquals(withoutBatch(acts.get(i)), fwd.get(0).input(), "stage " + i + " forward input");
            assertEquals(withoutBatch(acts.get(i + 1)), fwd.get(fwd.size() - 1).output(), "stage " + i + " forward output");
            assertEquals(withoutBatch(sigs.get(i)), back.get(0).output(), "stage " + i + " feedback output");
            assertEquals(acts.get(i + 1).getShape(), model.forwardStage(i, acts.get(i), true).getShape());
            assertEquals(sigs.get(i).getShape(), model.feedbackStage(i, sigs.get(i + 1), true).getShape());
        }
        model.train();
    }

    private static Shape withoutBatch(NDArray a) {
        return a.getShape().slice(1);
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

            // What was once accepted without a word: another type, NaN, and tensors the model lacks.
            DualModel c = Models.mlp(m, new int[] {784, 256, 10}, ELU);
            Map<String, NDArray> good = c.snapshot(m);
            Map<String, NDArray> int32 = new java.util.LinkedHashMap<>(good);
            int32.put("enc1.forward_layer.weight", good.get("enc1.forward_layer.weight").toType(
                    ai.djl.ndarray.types.DataType.INT32, false));
            assertMessage(() -> c.load(int32, "w.npz"), "w.npz", "'enc1.forward_layer.weight' is int32", "float32");
            Map<String, NDArray> nan = new java.util.LinkedHashMap<>(good);
            nan.put("output.backward_layer.weight", good.get("output.backward_layer.weight").mul(Float.NaN));
            assertMessage(() -> c.load(nan, "w.npz"), "'output.backward_layer.weight' holds NaN or infinite values");
            Map<String, NDArray> extra = new java.util.LinkedHashMap<>(good);
            extra.put("enc9.forward_layer.weight", m.zeros(new Shape(2)));
            assertMessage(() -> c.load(extra, "w.npz"), "tensors this model does not have: [enc9.forward_layer.weight]");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable load, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, load).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), message);
        }
    }
}
