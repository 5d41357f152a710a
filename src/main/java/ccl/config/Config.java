package ccl.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A validated, immutable run configuration: every key of {@link ConfigSchema}, converted to its
 * type, checked, and with defaults filled in. Equality is by values; the origin is only for messages.
 */
public final class Config {

    private final Map<String, Object> values;
    private final String origin;

    private Config(Map<String, Object> values, String origin) {
        this.values = Collections.unmodifiableMap(values);
        this.origin = origin;
    }

    /** Loads a reference-style YAML file with the sections method, dataset and training. */
    public static Config load(Path yamlFile) {
        return resolve(ConfigYaml.readFlat(yamlFile), yamlFile.toString());
    }

    /** Builds a config from flat key/value pairs, e.g. the "config" object of a parity case.json. */
    public static Config fromMap(Map<String, Object> flat, String origin) {
        return resolve(Objects.requireNonNull(flat, "flat"), origin);
    }

    /** A new config with these keys replaced; values are command-line strings parsed by the key's type. */
    public Config withOverrides(Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        String where = origin + overrides.entrySet().stream()
                .map(e -> " --" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("", " with", ""));
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return resolve(merged, where);
    }

    public String getString(String key) {
        return (String) get(key, ValueType.STRING);
    }

    public int getInt(String key) {
        return (Integer) get(key, ValueType.INT);
    }

    /** Also reads integer keys, since an integer is a valid double. */
    public double getDouble(String key) {
        Key k = ConfigSchema.require(key, origin);
        return ((Number) get(key, k.type() == ValueType.INT ? ValueType.INT : ValueType.DOUBLE)).doubleValue();
    }

    /**
     * Whether the run reconstructs images ({@code task: autoencoder}): the feedback network then takes the
     * target image instead of the class codes. The one place this is asked.
     */
    public boolean isAutoencoder() {
        return getString("task").equals("autoencoder");
    }

    /** Whether the key has a value; only optional keys without a default can lack one. */
    public boolean has(String key) {
        ConfigSchema.require(key, origin);
        return values.containsKey(key);
    }

    /** Resolved values grouped by section, sections and keys in schema order. */
    public Map<String, Map<String, Object>> sections() {
        Map<String, Map<String, Object>> grouped = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            Map<String, Object> inSection = new LinkedHashMap<>();
            for (Key key : ConfigSchema.keys(section)) {
                if (values.containsKey(key.name())) {
                    inSection.put(key.name(), values.get(key.name()));
                }
            }
            grouped.put(section.yamlName(), Collections.unmodifiableMap(inSection));
        }
        return Collections.unmodifiableMap(grouped);
    }

    /** Resolved values in schema order. */
    public Map<String, Object> flat() {
        return values;
    }

    /** Writes the resolved config as a sectioned YAML file, atomically. */
    public void write(Path yamlFile) {
        ConfigYaml.write(yamlFile, sections());
    }

    /** Where this config came from (a file, or a description), for error messages. */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Config c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Config" + values + " from " + origin;
    }

    private Object get(String name, ValueType wanted) {
        Key key = ConfigSchema.require(name, origin);
        if (key.type() != wanted) {
            throw new ConfigException(origin + ": key '" + name + "' holds " + key.type().noun()
                    + ", not " + wanted.noun());
        }
        Object value = values.get(name);
        if (value == null) {
            throw new ConfigException(origin + ": key '" + name + "' (section '" + key.section().yamlName()
                    + "') is not set; valid: " + key.validValues());
        }
        return value;
    }

    /** Checks every given value, fills defaults, and reports all missing required keys at once. */
    private static Config resolve(Map<String, ?> raw, String origin) {
        Map<String, Object> given = new LinkedHashMap<>();
        raw.forEach((name, value) -> given.put(name, ConfigSchema.require(name, origin).check(value, origin)));
        Map<String, Object> resolved = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Key key : ConfigSchema.keys()) {
            Object value = given.getOrDefault(key.name(), key.defaultValue());
            if (value != null) {
                resolved.put(key.name(), value);
            } else if (key.required()) {
                missing.add("'" + key.name() + "' in section '" + key.section().yamlName()
                        + "' (" + key.validValues() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(origin + ": missing required key" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; the reference has no default for "
                    + (missing.size() > 1 ? "them" : "it"));
        }
        ConfigSchema.checkCombinations(given, resolved, origin);
        return new Config(resolved, origin);
    }
}
