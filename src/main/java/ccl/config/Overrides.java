package ccl.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns command-line arguments such as {@code --lr_F 0.5 --epochs=1} into config overrides. */
public final class Overrides {

    private Overrides() {
    }

    /**
     * Key to value-string, in argument order; a key given twice keeps its last value, as with argparse.
     * Only schema keys are accepted: a CLI separates its own options first, using {@link ConfigSchema#isKey}.
     */
    public static Map<String, String> parse(List<String> args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("command line: expected --key value or --key=value, got '" + arg
                        + "'; valid keys: " + String.join(", ", ConfigSchema.keys().stream().map(Key::name).toList()));
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            Key key = ConfigSchema.require(name, "command line");
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                value = "";
            }
            if (value.isEmpty()) {
                throw new ConfigException("command line: option --" + name + " has no value; valid: "
                        + key.validValues());
            }
            overrides.put(name, value);
        }
        return overrides;
    }
}
