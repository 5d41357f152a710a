package ccl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void anUncheckedIoErrorKeepsTheContextItWasGiven() {
        assertEquals("cannot write runs/x/summary.json: No space left on device", Errors.describe(
                new UncheckedIOException("cannot write runs/x/summary.json: No space left on device",
                        new IOException("No space left on device"))));
    }

    @Test
    void aBareWrapperGivesWayToItsCause() {
        assertEquals("/no/such/file", Errors.describe(new UncheckedIOException(new NoSuchFileException("/no/such/file"))));
        assertEquals("inner", Errors.describe(new RuntimeException(new IllegalStateException("inner"))));
    }
}
