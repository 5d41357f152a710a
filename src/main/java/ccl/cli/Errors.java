package ccl.cli;

/** The one-line text of an error for the user: the message, or the cause's, without a stack trace. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || wrapsOnly(t))) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName()
                + " (run with CCL_DEBUG=1 for the stack trace)";
    }

    /**
     * An exception made from its cause alone says only "java.nio.file.X: path": the cause's message is
     * the better line. One made with its own message ("cannot write F: ...") keeps it.
     */
    private static boolean wrapsOnly(Throwable t) {
        return t.getMessage().equals(t.getCause().toString());
    }
}
