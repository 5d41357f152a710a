package ccl.config;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and writes the reference's sectioned YAML layout; values are checked later, by Config. */
final class ConfigYaml {

    private static final List<String> SECTION_NAMES =
            Arrays.stream(Section.values()).map(Section::yamlName).toList();

    private ConfigYaml() {
    }

    /** The key/value pairs of all sections of a file, each key checked to be in its own section. */
    static Map<String, Object> readFlat(Path file) {
        String origin = file.toString();
        Object document = parse(file);
        if (!(document instanceof Map<?, ?> top)) {
            throw new ConfigException(origin + ": expected a mapping with the sections " + SECTION_NAMES
                    + ", got " + (document == null ? "an empty document" : "'" + document + "'"));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : top.entrySet()) {
            Section section = section(String.valueOf(entry.getKey()), origin);
            if (!(entry.getValue() instanceof Map<?, ?> values)) {
                throw new ConfigException(origin + ": section '" + section.yamlName()
                        + "' must be a mapping of keys to values, got " + Key.show(entry.getValue())
                        + "; valid keys there: " + names(section));
            }
            for (Map.Entry<?, ?> pair : values.entrySet()) {
                String name = String.valueOf(pair.getKey());
                checkPlacement(name, section, origin);
                flat.put(name, pair.getValue());
            }
        }
        return flat;
    }

    /** Writes the sections atomically: a reader sees the old file or the new one, never half of one. */
    static void write(Path file, Map<String, Map<String, Object>> sections) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Yaml yaml = new Yaml(options);
        // One dump per section, so the file has the reference's blank line between sections.
        StringBuilder text = new StringBuilder();
        sections.forEach((name, values) -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(yaml.dump(Map.of(name, values)));
        });
        try {
            // AtomicFiles, not createTempFile: that one makes the file 0600 while the other run files are 0644.
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write config: " + e.getMessage(), e);
        }
    }

    private static Object parse(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = Files.newBufferedReader(file)) {
            return yaml.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file not found", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage(), e);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new ConfigException(file + ": malformed YAML" + where + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": malformed YAML: " + e.getMessage(), e);
        }
    }

    private static Section section(String name, String origin) {
        Section section = Section.byYamlName(name);
        if (section != null) {
            return section;
        }
        String problem = ConfigSchema.find(name)
                .map(k -> "key '" + name + "' must be inside section '" + k.section().yamlName() + "'")
                .orElse("unknown section '" + name + "'");
        throw new ConfigException(origin + ": " + problem + "; valid sections: " + SECTION_NAMES
                + Names.didYouMean(name, SECTION_NAMES));
    }

    private static void checkPlacement(String name, Section section, String origin) {
        Key key = ConfigSchema.find(name).orElseThrow(() -> new ConfigException(origin + ": unknown key '" + name
                + "' in section '" + section.yamlName() + "'; valid keys there: " + names(section)
                + Names.didYouMean(name, ConfigSchema.keys().stream().map(Key::name).toList())));
        if (key.section() != section) {
            throw new ConfigException(origin + ": key '" + name + "' belongs in section '"
                    + key.section().yamlName() + "', not in '" + section.yamlName() + "'");
        }
    }

    private static String names(Section section) {
        return String.join(", ", ConfigSchema.keys(section).stream().map(Key::name).toList());
    }
}
