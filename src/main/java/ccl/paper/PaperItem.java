package ccl.paper;

import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.List;

/**
 * One table or figure of the paper, made with one command: it runs what it needs through the sweep
 * machinery (so it continues after any stop) and writes the item with the paper's numbers beside ours.
 */
public interface PaperItem {
    /** How an item is made: where, quickly or in full, with how many seeds, on which executor. */
    record Options(Path out, boolean quick, Integer seeds, Sweeps.Executor executor) {
    }

    String name();

    /** What it shows and what it runs. */
    String what();

    /** How long it takes on this machine kind, in full and with {@code --quick}. */
    String cost();

    /** Runs what is missing and writes the item's files; returns them. */
    List<Path> make(Options options);
}
