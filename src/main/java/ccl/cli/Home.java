package ccl.cli;

import java.nio.file.Path;

/** The project folder the launcher runs from ({@code -Dccl.home}), else the working directory. */
final class Home {
    private Home() {
    }

    static Path dir() {
        return Path.of(System.getProperty("ccl.home", ".")).toAbsolutePath().normalize();
    }
}
