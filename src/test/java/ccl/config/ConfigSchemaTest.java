package ccl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    @Test
    void everyDefaultPassesItsOwnKeyCheck() {
        for (Key key : ConfigSchema.keys()) {
            if (key.defaultValue() != null) {
                assertEquals(key.defaultValue(), key.check(key.defaultValue(), "schema"), key.name());
            }
        }
    }

    @Test
    void keysAreGroupedBySectionInSectionOrder() {
        List<Section> order = ConfigSchema.keys().stream().map(Key::section).toList();
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i - 1).compareTo(order.get(i)) <= 0, ConfigSchema.keys().get(i).name());
        }
        for (Section s : Section.values()) {
            assertFalse(ConfigSchema.keys(s).isEmpty(), s.yamlName());
        }
    }

    @Test
    void keysWithoutReferenceDefaultsAreRequired() {
        List<String> required = ConfigSchema.keys().stream().filter(Key::required).map(Key::name).toList();

        assertEquals(List.of("method", "architecture", "task", "bias_init", "bn_affine",
                "dataset", "num_chn", "tmax", "GradC"), required);
    }

    @Test
    void editDistance() {
        assertEquals(0, Names.editDistance("lr_F", "lr_F"));
        assertEquals(1, Names.editDistance("lr_F", "lr_B"));
        assertEquals(3, Names.editDistance("kitten", "sitting"));
        assertEquals("training", Names.closest("trainig", List.of("method", "dataset", "training")));
    }
}
