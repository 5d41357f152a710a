package ccl.config;

/** The three top-level sections of a reference YAML file, in the order they are written. */
public enum Section {
    METHOD("method"),
    DATASET("dataset"),
    TRAINING("training");

    private final String yamlName;

    Section(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as it appears in the YAML file. */
    public String yamlName() {
        return yamlName;
    }

    /** The section with this YAML name, or null. */
    static Section byYamlName(String name) {
        for (Section s : values()) {
            if (s.yamlName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
