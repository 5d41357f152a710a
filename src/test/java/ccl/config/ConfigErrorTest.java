package ccl.config;

import static ccl.config.ErrorMessages.assertMentions;
import static ccl.config.ErrorMessages.messageOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each error names the file, the key and the value, says what is wrong and what is valid. */
class ConfigErrorTest {

    @TempDir
    Path dir;

    /** The reference mnist_ccl.yaml with one line replaced. */
    private Path mnistWith(String line, String replacement) {
        String text = Resources.text("mnist_ccl.yaml");
        assertTrue(text.contains(line), line);
        return Resources.write(dir, "bad.yaml", text.replace(line, replacement));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertMentions(messageOf(() -> Config.load(missing)), missing.toString(), "not found");
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        Path bad = Resources.write(dir, "bad.yaml", "method:\n  method: CCL\n  act_F: [elu\n");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "malformed YAML", "line 4");
    }

    @Test
    void duplicateKeyIsMalformed() {
        Path bad = mnistWith("  act_B: elu\n", "  act_F: relu\n");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "line 7", "act_F");
    }

    @Test
    void documentThatIsNotAMapping() {
        Path list = Resources.write(dir, "list.yaml", "- method\n- dataset\n");
        assertMentions(messageOf(() -> Config.load(list)), "list.yaml", "expected a mapping",
                "[method, dataset, training]");
        Path empty = Resources.write(dir, "empty.yaml", "");
        assertMentions(messageOf(() -> Config.load(empty)), "empty.yaml", "empty document");
    }

    @Test
    void sectionThatIsNotAMapping() {
        Path bad = Resources.write(dir, "bad.yaml", "dataset: MNIST\n");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "section 'dataset'", "'MNIST'",
                "batchsize, num_chn");
    }

    @Test
    void unknownSectionSuggestsTheClosest() {
        Path bad = mnistWith("training:", "trainig:");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "unknown section 'trainig'",
                "[method, dataset, training]", "did you mean 'training'?");
    }

    @Test
    void keyOutsideAnySection() {
        Path bad = Resources.write(dir, "bad.yaml", "lr_F: 1\n");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "'lr_F' must be inside section 'training'");
    }

    @Test
    void unknownKeyListsValidKeysAndSuggestsTheClosest() {
        Path bad = mnistWith("  lr_F: 1", "  lr_f: 1");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "unknown key 'lr_f'",
                "section 'training'", "mmt_F, mmt_B", "did you mean 'lr_F'?");
    }

    @Test
    void keyInTheWrongSection() {
        Path bad = mnistWith("  seed: 2023", "  seed: 2023\n  batchsize: 64");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "'batchsize'",
                "belongs in section 'dataset'", "not in 'training'");
    }

    @Test
    void invalidEnumerationValueListsTheValidOnes() {
        Path bad = mnistWith("  method: CCL", "  method: ccl");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "'ccl'", "key 'method'",
                "one of [CCL, BP, FA, DFA, DRTP, uSF, brSF, frSF, DTP, DTP-BN, FWDTP, FWDTP-BN, DRL, L-DRL]", "did you mean 'CCL'?");

        Path act = mnistWith("  act_F: elu", "  act_F: gelu");
        assertMentions(messageOf(() -> Config.load(act)), "'gelu'", "[tanh, elu, relu, leaky_relu, selu]");

        Path bn = mnistWith("  fw_bn: 0", "  fw_bn: 4");
        assertMentions(messageOf(() -> Config.load(bn)), "value 4", "key 'fw_bn'", "one of [0, 1, 2, 3]");
    }

    @Test
    void nonIntegralDoubleForAnIntegerKey() {
        Path bad = mnistWith("  epochs: 100", "  epochs: 1.5");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "value 1.5", "key 'epochs'",
                "not an integer", "an integer > 0");
    }

    @Test
    void integralDoubleForAnIntegerKeyIsAccepted() {
        Path ok = mnistWith("  epochs: 100", "  epochs: 100.0");
        assertTrue(Config.load(ok).getInt("epochs") == 100);
    }

    @Test
    void textForANumericKey() {
        Path bad = mnistWith("  lr_F: 1", "  lr_F: fast");
        assertMentions(messageOf(() -> Config.load(bad)), "'fast'", "key 'lr_F'", "not a number", "a number >= 0");
    }

    @Test
    void booleanIsNotAZeroOneFlag() {
        Path bad = mnistWith("  GradC: 0", "  GradC: true");
        assertMentions(messageOf(() -> Config.load(bad)), "value true", "key 'GradC'", "one of [0, 1]");
    }

    @Test
    void negativeLearningRate() {
        Path bad = mnistWith("  lr_B: 1", "  lr_B: -0.1");
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "value -0.1", "key 'lr_B'",
                "must be >= 0");
    }

    @Test
    void nonPositiveBatchSizeAndEpochs() {
        Path batch = mnistWith("  batchsize: 256", "  batchsize: 0");
        assertMentions(messageOf(() -> Config.load(batch)), "value 0", "key 'batchsize'", "must be > 0");
        Path epochs = mnistWith("  epochs: 100", "  epochs: -5");
        assertMentions(messageOf(() -> Config.load(epochs)), "value -5", "key 'epochs'", "must be > 0");
    }

    @Test
    void emptyValue() {
        Path bad = mnistWith("  lr_F: 1", "  lr_F:");
        assertMentions(messageOf(() -> Config.load(bad)), "value null", "key 'lr_F'", "no value given");
    }

    @Test
    void missingRequiredKeysAreListedTogether() {
        Path bad = Resources.write(dir, "bad.yaml", Resources.text("mnist_ccl.yaml")
                .replace("  method: CCL\n", "").replace("  dataset: MNIST\n", ""));
        assertMentions(messageOf(() -> Config.load(bad)), "bad.yaml", "missing required keys",
                "'method' in section 'method'", "'dataset' in section 'dataset'", "one of [MNIST,");
    }

    @Test
    void fromMapRejectsUnknownKeysWithTheOrigin() {
        Map<String, Object> flat = new HashMap<>(Config.load(Resources.reference("mnist_ccl.yaml")).flat());
        flat.put("batch_size", 64);
        assertMentions(messageOf(() -> Config.fromMap(flat, "case_07.json")), "case_07.json",
                "unknown key 'batch_size'", "did you mean 'batchsize'?", "valid keys: method, architecture");
    }

    @Test
    void readingAKeyOfAnotherTypeOrUnset() {
        Config c = Config.load(Resources.reference("mnist_ccl.yaml"));
        assertMentions(messageOf(() -> c.getInt("lr_F")), "mnist_ccl.yaml", "'lr_F'", "a number, not an integer");
        assertMentions(messageOf(() -> c.getString("epochs")), "'epochs'", "not a string");
        assertMentions(messageOf(() -> c.getInt("num_classes")), "'num_classes'", "not set");
        assertMentions(messageOf(() -> c.getDouble("lr")), "unknown key 'lr'", "did you mean");
    }

    @Test
    void adamSettingsActOnlyWithAdamAndMomentumOnlyWithSgd() {
        Config sgd = Config.load(Resources.reference("mnist_ccl.yaml"));
        assertMentions(messageOf(() -> sgd.withOverrides(Map.of("beta1_F", "0.8"))), "beta1_F",
                "has no effect with optimizer: SGD", "set optimizer: Adam");
        assertMentions(messageOf(() -> sgd.withOverrides(Map.of("optimizer", "Adam", "mmt_F", "0.9"))), "mmt_F",
                "has no effect with optimizer: Adam", "set it to 0");
        assertMentions(messageOf(() -> sgd.withOverrides(Map.of("optimizer", "Adam", "mmt_F", "0", "mmt_B", "0",
                "beta2_B", "1.0"))), "beta2_B", "below 1");

        Config adam = sgd.withOverrides(Map.of("optimizer", "Adam", "mmt_F", "0", "mmt_B", "0", "eps_B", "1e-6"));
        assertEquals(1e-6, adam.getDouble("eps_B"));
        assertFalse(adam.has("beta1_F"), "left out, so torch's default applies");
        Path written = dir.resolve("adam.yaml");
        adam.write(written);
        assertEquals(adam, Config.load(written));
    }
}
