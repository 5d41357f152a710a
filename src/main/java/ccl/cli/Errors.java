package ccl.cli;

import java.io.UncheckedIOException;

/** The one-line text of an error for the user: the message, or the cause's, without a stack trace. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()
                + " (run with CCL_DEBUG=1 for the stack trace)";
    }
}
