package ccl.config;

import java.util.List;

/**
 * One configuration key: where it lives, what values it takes, its default and what it means.
 *
 * @param allowed      the valid values when the key is an enumeration, else empty
 * @param defaultValue the value used when the key is absent; null when there is none
 * @param optional     true when the key may be absent and has no default (it is then unset)
 */
public record Key(String name, Section section, ValueType type, List<Object> allowed, Bound bound,
                  Object defaultValue, boolean optional, String description) {

    public Key {
        allowed = List.copyOf(allowed);
    }

    /** True when a configuration must give this key because it has no default. */
    public boolean required() {
        return defaultValue == null && !optional;
    }

    /** The same key, allowed to be absent. */
    Key asOptional() {
        return new Key(name, section, type, allowed, bound, defaultValue, true, description);
    }

    /** What a valid value looks like, e.g. "one of [CCL, BP]" or "an integer > 0". */
    public String validValues() {
        if (!allowed.isEmpty()) {
            return "one of " + allowed;
        }
        return bound == Bound.ANY ? type.noun() : type.noun() + " " + bound.text();
    }

    /** The raw value converted to this key's type and checked, or a ConfigException naming origin, key and value. */
    Object check(Object raw, String origin) {
        if (raw == null) {
            throw invalid(raw, "no value given", "", origin);
        }
        Object value = type.convert(raw);
        if (value == null) {
            throw invalid(raw, "not " + type.noun(), "", origin);
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            String hint = value instanceof String s
                    ? Names.didYouMean(s, allowed.stream().map(String::valueOf).toList())
                    : "";
            throw invalid(raw, "not a valid " + name, hint, origin);
        }
        if (!bound.admits(value)) {
            throw invalid(raw, "must be " + bound.text(), "", origin);
        }
        return value;
    }

    private ConfigException invalid(Object raw, String problem, String hint, String origin) {
        return new ConfigException(origin + ": invalid value " + show(raw) + " for key '" + name
                + "' (section '" + section.yamlName() + "'): " + problem + "; valid: " + validValues() + hint);
    }

    /** Strings quoted so that an empty or blank value is visible in a message. */
    static String show(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
