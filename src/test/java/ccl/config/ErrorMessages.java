package ccl.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the text of configuration errors, shared by the config tests. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String messageOf(Runnable action) {
        return assertThrows(ConfigException.class, action::run).getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }
}
