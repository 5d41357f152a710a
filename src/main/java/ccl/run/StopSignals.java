package ccl.run;

import ccl.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, SIGINT (Ctrl-C) and SIGTERM ask the run to stop at the next step boundary, where it writes
 * a checkpoint; a second signal ends the process at once. The handlers before are put back on close.
 */
final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    StopSignals(TrainingState state) {
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
