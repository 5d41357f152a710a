package ccl.train;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where the training steps' time goes, summed since the run started (a few clock reads per step; the
 * engine computes on the CPU synchronously, so each part's time is its own). {@code ccl bench} reports it
 * per step; nothing in training reads it.
 */
public final class StepTimings {
    /** The parts of a step, in the order they run. */
    public enum Part {
        /** Waiting for the background thread's next batch. */
        DATA,
        /** The batch's upload, the rule's loss and the tape's backward pass. */
        LOSS_AND_BACKWARD,
        /** Gradient centralization and clipping. */
        CLIP,
        /** The optimizers' updates. */
        OPTIMIZER,
        /** Zeroing the gradients. */
        ZERO_GRAD,
        /** The rest: reading the loss back, closing the step's scope, the engine's seed. */
        OTHER
    }

    private final long[] nanos = new long[Part.values().length];
    private long steps;
    /** The timed parts' sum when the current step began. */
    private long stepStart;

    void add(Part part, long nanoseconds) {
        nanos[part.ordinal()] += nanoseconds;
    }

    /**
     * Ends a step that took {@code nanoseconds} after its batch arrived: what the timed parts of it did not
     * take counts as {@link Part#OTHER}.
     */
    void addRest(long nanoseconds) {
        long parts = total(Part.LOSS_AND_BACKWARD, Part.CLIP, Part.OPTIMIZER, Part.ZERO_GRAD) - stepStart;
        add(Part.OTHER, nanoseconds - parts);
        stepStart = total(Part.LOSS_AND_BACKWARD, Part.CLIP, Part.OPTIMIZER, Part.ZERO_GRAD);
        steps++;
    }

    /** Steps counted so far. */
    public long steps() {
        return steps;
    }

    /** Seconds per part so far. */
    public Map<Part, Double> seconds() {
        Map<Part, Double> m = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            m.put(p, nanos[p.ordinal()] / 1e9);
        }
        return m;
    }

    long total(Part... parts) {
        long sum = 0;
        for (Part p : parts) {
            sum += nanos[p.ordinal()];
        }
        return sum;
    }
}
