package ccl.config;

/** A lower bound on a numeric key: learning rates cannot be negative, batch sizes must be positive. */
public enum Bound {
    ANY(""),
    NON_NEGATIVE(">= 0"),
    POSITIVE("> 0");

    private final String text;

    Bound(String text) {
        this.text = text;
    }

    /** The bound as written in messages, e.g. ">= 0"; empty for ANY. */
    String text() {
        return text;
    }

    boolean admits(Object value) {
        if (!(value instanceof Number n)) {
            return true;
        }
        return switch (this) {
            case ANY -> true;
            case NON_NEGATIVE -> n.doubleValue() >= 0;
            case POSITIVE -> n.doubleValue() > 0;
        };
    }
}
