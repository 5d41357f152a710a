package ccl.analysis;

import ccl.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The probes a run carries (by name), the training steps they look at (0: before the first update) and
 * how many test samples they use; part of the run's specification, so a resumed run probes as the
 * original would. Each probe hands its values to a sink as one record per step.
 *
 * @param samples the first {@code samples} test samples, the same at every step
 */
public record Probes(List<String> names, List<Long> steps, int samples) {
    /** Makes a probe; one line per probe in {@link #REGISTRY}. */
    @FunctionalInterface
    interface Factory {
        TrainingListener create(Set<Long> steps, int samples, Consumer<Map<String, Object>> sink);
    }

    private static final Map<String, Factory> REGISTRY = Map.of("cka", CkaProbe::new, "tsne", TsneProbe::new);

    public Probes {
        names = List.copyOf(names);
        steps = List.copyOf(new TreeSet<>(steps));
        for (String name : names) {
            if (!REGISTRY.containsKey(name)) {
                throw new IllegalArgumentException("--probe " + name + " is not a probe; probes: " + REGISTRY.keySet());
            }
        }
        if (!names.isEmpty() && steps.isEmpty()) {
            throw new IllegalArgumentException("--probe " + String.join(",", names) + " needs --probe-steps, e.g. "
                    + "--probe-steps 0,20,40,80,160");
        }
        if (steps.stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("--probe-steps must be steps 0 or later, got " + steps);
        }
        if (samples < 2) {
            throw new IllegalArgumentException("--probe-samples must be at least 2, got " + samples);
        }
    }

    public static Probes none() {
        return new Probes(List.of(), List.of(), 1000);
    }

    /** The probes as listeners, each handing its records to {@code sink}. */
    public List<TrainingListener> listeners(Consumer<Map<String, Object>> sink) {
        List<TrainingListener> out = new ArrayList<>();
        for (String name : names) {
            out.add(REGISTRY.get(name).create(Set.copyOf(steps), samples, sink));
        }
        return out;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("names", names);
        m.put("steps", steps);
        m.put("samples", samples);
        return m;
    }

    /** The inverse of {@link #toMap}; none for a run.json written before probes existed. */
    @SuppressWarnings("unchecked")
    public static Probes fromMap(Map<String, Object> m) {
        if (m == null) {
            return none();
        }
        List<Long> steps = ((List<Object>) m.get("steps")).stream().map(s -> ((Number) s).longValue()).toList();
        return new Probes((List<String>) m.get("names"), steps, ((Number) m.get("samples")).intValue());
    }
}
