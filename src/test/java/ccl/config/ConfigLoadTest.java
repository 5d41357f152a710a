package ccl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoadTest {

    @Test
    void loadsTheReferenceMlpCclFile() {
        Config c = Config.load(Resources.reference("mnist_ccl.yaml"));

        assertEquals("CCL", c.getString("method"));
        assertEquals("simple_linear", c.getString("architecture"));
        assertEquals("none", c.getString("task_transform"));
        assertEquals("zero", c.getString("bias_init"));
        assertEquals(256, c.getInt("batchsize"));
        assertEquals(100, c.getInt("epochs"));
        assertEquals(2023, c.getInt("seed"));
        assertEquals(1.0, c.getDouble("lr_F"));      // written as the integer 1
        assertEquals(0.0, c.getDouble("mmt_F"));     // written as "0."
        assertEquals(0.001, c.getDouble("eta_min"));
        assertEquals(0.5, c.getDouble("loss_scale_C"));
        assertFalse(c.has("num_classes"));
        assertTrue(c.origin().endsWith("mnist_ccl.yaml"));
    }

    @Test
    void theMlpFileLeavesCnnKeysAtTheirDefaults() {
        Config c = Config.load(Resources.reference("mnist_ccl.yaml"));

        assertEquals(0.5, c.getDouble("loss_scale_ssl"));
        assertEquals(1.0, c.getDouble("loss_scale_D"));
    }

    @Test
    void loadsTheReferenceMlpBpFileWithNumClasses() {
        Config c = Config.load(Resources.reference("mnist_bp.yaml"));

        assertEquals("BP", c.getString("method"));
        assertTrue(c.has("num_classes"));
        assertEquals(10, c.getInt("num_classes"));
    }

    @Test
    void loadsTheReferenceCnnAndAutoencoderFiles() {
        Config cnn = Config.load(Resources.reference("cifar10_ccl_cnn.yaml"));
        assertEquals("cnn_pool", cnn.getString("architecture"));
        assertEquals(1e-6, cnn.getDouble("wd_F"));
        assertEquals(1, cnn.getInt("GradC"));
        assertEquals(0.2, cnn.getDouble("filter_target"));

        Config ae = Config.load(Resources.reference("stl10_ccl_legacy.yaml"));
        assertEquals("cnn_stride_autoencoder", ae.getString("architecture"));
        assertEquals("autoencoder", ae.getString("task"));
        assertEquals(2, ae.getInt("fw_bn"));
        assertEquals(1.0, ae.getDouble("loss_scale_D"));
    }

    @Test
    void valuesAreTypedAndInSchemaOrder() {
        Config c = Config.load(Resources.reference("mnist_bp.yaml"));

        assertEquals(List.of("method", "dataset", "training"), List.copyOf(c.sections().keySet()));
        assertEquals(List.of("dataset", "batchsize", "num_chn", "num_classes"),
                List.copyOf(c.sections().get("dataset").keySet()));
        // Every key but the optional ones it does not give (Adam's, target propagation's, the MLP's shape).
        assertEquals(ConfigSchema.keys().stream().filter(k -> !k.optional() || k.name().equals("num_classes"))
                        .map(Key::name).toList(),
                List.copyOf(c.flat().keySet()));
        assertEquals(Integer.valueOf(256), c.flat().get("batchsize"));
        assertEquals(Double.valueOf(1.0), c.flat().get("lr_F"));
    }

    @Test
    void fromMapAcceptsJsonNumbersAndFillsDefaults() {
        // Gson reads every JSON number as a Double.
        Map<String, Object> json = new HashMap<>(Map.of(
                "method", "CCL", "architecture", "simple_linear", "task", "classification",
                "bias_init", "zero", "bn_affine", 1.0, "dataset", "MNIST", "num_chn", 1.0,
                "tmax", 0.0, "GradC", 0.0, "epochs", 100.0));
        json.put("lr_F", 0.5);

        Config c = Config.fromMap(json, "case.json");

        assertEquals(100, c.getInt("epochs"));
        assertEquals(0.5, c.getDouble("lr_F"));
        assertEquals(256, c.getInt("batchsize"));     // reference argparse default
        assertEquals(200, c.getInt("warmup"));
        assertEquals(42, c.getInt("seed"));
        assertEquals("SGD", c.getString("optimizer"));
        assertEquals("case.json", c.origin());
    }

    @Test
    void equalityIsByValuesNotOrigin() {
        Config fromFile = Config.load(Resources.reference("mnist_ccl.yaml"));
        Config fromMap = Config.fromMap(fromFile.flat(), "elsewhere");

        assertEquals(fromFile, fromMap);
        assertEquals(fromFile.hashCode(), fromMap.hashCode());
        assertNotEquals(fromFile, Config.load(Resources.reference("mnist_bp.yaml")));
    }

    @Test
    void getDoubleReadsIntegerKeys() {
        Config c = Config.load(Resources.reference("mnist_ccl.yaml"));

        assertEquals(256.0, c.getDouble("batchsize"));
    }
}
