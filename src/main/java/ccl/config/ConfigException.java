package ccl.config;

/**
 * A configuration problem a user can fix. The message always says where (file or other origin),
 * which key and value, what is wrong, and what would be valid.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
