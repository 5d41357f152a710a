package ccl.data;

import java.nio.file.Path;

/** A data file (or download) whose content is not what it should be. The message says what to do. */
public class DataFormatException extends RuntimeException {

    public DataFormatException(String source, String expected, String found, String advice) {
        super(source + ": expected " + expected + ", found " + found + ". " + advice);
    }

    public DataFormatException(Path file, String expected, String found, String advice) {
        this(file.toString(), expected, found, advice);
    }
}
