package ccl.config;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The value types of configuration keys and how raw values become them. Raw values come from
 * SnakeYAML (Integer, Long, Double, String...), from JSON (every number a Double) or from the
 * command line (always a String), so numbers are accepted in any of those forms.
 */
public enum ValueType {
    INT("an integer"),
    DOUBLE("a number"),
    STRING("a string");

    private final String noun;

    ValueType(String noun) {
        this.noun = noun;
    }

    /** How the type reads in an error message, e.g. "an integer". */
    String noun() {
        return noun;
    }

    /** The raw value as Integer, Double or String, or null when it is not of this type. */
    Object convert(Object raw) {
        return switch (this) {
            case INT -> toInt(raw);
            case DOUBLE -> toDouble(raw);
            case STRING -> raw instanceof String s ? s : null;
        };
    }

    private static Integer toInt(Object raw) {
        BigDecimal n = toDecimal(raw);
        if (n == null) {
            return null;
        }
        try {
            // Integral doubles such as 100.0 (JSON, or "epochs: 100.0") are fine; 0.5 is not.
            BigInteger whole = n.toBigIntegerExact();
            return whole.bitLength() < Integer.SIZE ? whole.intValue() : null;
        } catch (ArithmeticException notIntegral) {
            return null;
        }
    }

    private static Double toDouble(Object raw) {
        BigDecimal n = toDecimal(raw);
        if (n == null) {
            return null;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    /** Exact decimal form of a number or numeric string; null for anything else, NaN or infinity. */
    private static BigDecimal toDecimal(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (raw instanceof BigDecimal b) {
            return b;
        }
        if (raw instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }
}
