package ccl.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns command-line arguments such as {@code --lr_F 0.5 --epochs=1} into config overrides. */
public final class Overrides {

    private Overrides() {
    }

    public static Map<String, String> parse(List<String> args) {
        return parse(args, List.of());
    }

    /**
     * Key to value-string, in argument order. A key given twice is an error (as a repeated option is):
     * the value that would win is not obvious. An unknown name is an error that suggests the closest config
     * key or, among {@code options} (the command's own, e.g. {@code --max-steps}), the closest option.
     */
    public static Map<String, String> parse(List<String> args, Collection<String> options) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("command line: expected --key value or --key=value, got '" + arg
                        + "'; valid keys: " + String.join(", ", ConfigSchema.keys().stream().map(Key::name).toList()));
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!ConfigSchema.isKey(name)) {
                List<String> candidates = new ArrayList<>(options);
                ConfigSchema.keys().forEach(k -> candidates.add("--" + k.name()));
                throw new ConfigException("command line: '--" + name + "' is neither an option nor a config key"
                        + Names.didYouMean("--" + name, candidates) + " ('ccl train --help' lists the options, "
                        + "'ccl keys' the keys)");
            }
            Key key = ConfigSchema.require(name, "command line");
            if (overrides.containsKey(name)) {
                throw new ConfigException("command line: --" + name + " is given twice (" + overrides.get(name)
                        + " and then another value); give it once");
            }
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
