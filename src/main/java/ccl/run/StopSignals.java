package ccl.run;

import ccl.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, SIGINT (Ctrl-C) and SIGTERM ask the run to stop at the next step boundary, where it writes
 * a checkpoint; a second signal ends the process at once. The handlers before are put back on close.
 * A run started by a sweep (environment {@code CCL_STOP_WITH=<pid>}) stops the same way when that process
 * ends, even by kill -9, so no run outlives its sweep and the next sweep resumes it.
 */
final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    /** The environment variable naming the process whose end stops the run. */
    static final String STOP_WITH = "CCL_STOP_WITH";

    private volatile String received;

    StopSignals(TrainingState state) {
        String parent = System.getenv(STOP_WITH);
        if (parent != null && parent.matches("\\d+")) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(p -> p.onExit().thenRun(() -> {
                received = "the end of process " + parent;
                System.err.println("\nprocess " + parent + " (the sweep) ended: stopping after this step");
                state.requestStop();
            }), state::requestStop);
        }
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            try {
                previous.add(Signal.handle(signal, s -> {
                    if (received != null) {
                        Runtime.getRuntime().halt(128 + s.getNumber());
                    }
                    received = "SIG" + s.getName();
                    System.err.println("\n" + received + ": stopping after this step (again to quit at once)");
                    state.requestStop();
                }));
                signals.add(signal);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (e.g. -Xrs): it then ends the process as usual
            }
        }
    }

    /** "SIGINT" or "SIGTERM" if one arrived, else null. */
    String received() {
        return received;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
