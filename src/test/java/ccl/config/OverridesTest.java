package ccl.config;

import static ccl.config.ErrorMessages.assertMentions;
import static ccl.config.ErrorMessages.messageOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {

    @Test
    void parsesSpaceAndEqualsForms() {
        Map<String, String> o = Overrides.parse(List.of("--lr_F", "0.5", "--epochs=1", "--seed", "-3"));

        assertEquals(Map.of("lr_F", "0.5", "epochs", "1", "seed", "-3"), o);
        assertEquals(List.of("lr_F", "epochs", "seed"), List.copyOf(o.keySet()));
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> Overrides.parse(List.of("--epochs", "1", "--epochs=2")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("--epochs is given twice"), e.getMessage());
    }

    @Test
    void danglingKeyIsAnError() {
        assertMentions(messageOf(() -> Overrides.parse(List.of("--lr_F", "0.5", "--epochs"))),
                "--epochs has no value", "an integer > 0");
        assertMentions(messageOf(() -> Overrides.parse(List.of("--lr_F", "--epochs", "1"))),
                "--lr_F has no value");
        assertMentions(messageOf(() -> Overrides.parse(List.of("--lr_F="))), "--lr_F has no value");
    }

    @Test
    void onlySchemaKeysAreAccepted() {
        assertMentions(messageOf(() -> Overrides.parse(List.of("--lrF", "1"))),
                "command line", "'--lrF' is neither an option nor a config key", "did you mean '--lr_F'?");
        assertMentions(messageOf(() -> Overrides.parse(List.of("0.5"))), "'0.5'", "--key value");
        assertTrue(ConfigSchema.isKey("loss_scale_ssl"));
        assertFalse(ConfigSchema.isKey("yaml"));
    }

    @Test
    void overridesAreParsedByTheKeyType() {
        Config base = Config.load(Resources.reference("mnist_ccl.yaml"));

        Config c = base.withOverrides(Overrides.parse(
                List.of("--lr_F", "0.5", "--epochs", "1", "--warmup=10.0", "--method", "BP", "--wd_F", "1e-5")));

        assertEquals(0.5, c.getDouble("lr_F"));
        assertEquals(1, c.getInt("epochs"));
        assertEquals(10, c.getInt("warmup"));
        assertEquals("BP", c.getString("method"));
        assertEquals(1e-5, c.getDouble("wd_F"));
        assertEquals(100, base.getInt("epochs"));   // the original is unchanged
        assertTrue(c.origin().startsWith(base.origin()));
        assertTrue(c.origin().contains("--epochs=1"));
    }

    @Test
    void noOverridesKeepTheConfigAndItsOrigin() {
        Config base = Config.load(Resources.reference("mnist_ccl.yaml"));

        assertEquals(base.origin(), base.withOverrides(Map.of()).origin());
    }

    @Test
    void badOverrideValuesNameTheFileKeyAndValue() {
        Config base = Config.load(Resources.reference("mnist_ccl.yaml"));

        assertMentions(messageOf(() -> base.withOverrides(Map.of("epochs", "1.5"))),
                "mnist_ccl.yaml", "--epochs=1.5", "value '1.5'", "not an integer");
        assertMentions(messageOf(() -> base.withOverrides(Map.of("lr_F", "-1"))),
                "value '-1'", "key 'lr_F'", "must be >= 0");
        assertMentions(messageOf(() -> base.withOverrides(Map.of("act_B", "gelu"))),
                "'gelu'", "[tanh, elu, relu, leaky_relu, selu]");
        assertMentions(messageOf(() -> base.withOverrides(Map.of("batchsize", "0"))),
                "key 'batchsize'", "must be > 0");
        assertMentions(messageOf(() -> base.withOverrides(Map.of("epoch", "1"))),
                "unknown key 'epoch'", "did you mean 'epochs'?");
    }
}
