package ccl.sweep;

import ccl.config.Config;
import ccl.run.RunFolder;
import ccl.train.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a point's run folder ran with, against what the spec gives the point now: the resolved config, key by
 * key, and the run options that change results (the probes and the data folder change nothing a run
 * computes). A sweep that counted an edited point's old run as done would put another setting's result in
 * its table without a word.
 */
final class RunChanges {
    /** Run options that decide what a run computes, by their names in the spec and in run.json. */
    private static final List<String> OPTIONS = List.of("val_fraction", "shuffle", "augment", "max_steps",
            "batches_per_epoch");

    private RunChanges() {
    }

    /** Null when the run in {@code dir} has the point's settings, else what differs, in words. */
    static String between(SweepPoint point, Path dir) {
        List<String> changes = new ArrayList<>();
        Map<String, Object> ran;
        Map<String, Object> options;
        try {
            ran = Config.load(dir.resolve(RunFolder.CONFIG)).flat();
            options = runOptions(RunFolder.readJson(dir.resolve(RunFolder.RUN)));
        } catch (RuntimeException e) {
            return "a config.yaml or run.json that no longer reads (" + e.getMessage() + ")";
        }
        Map<String, Object> now = point.resolve().flat();
        TreeSet<String> keys = new TreeSet<>(ran.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            if (!Objects.equals(ran.get(key), now.get(key))) {
                changes.add(key + " " + ran.get(key) + " where the spec now gives " + now.get(key));
            }
        }
        Map<String, Object> defaults = RunOptions.defaults().toMap();
        for (String option : OPTIONS) {
            String wanted = point.options().containsKey(option) ? point.options().get(option)
                    : String.valueOf(defaults.get(option));
            Object had = options.get(option);
            if (!sameValue(had, wanted)) {
                changes.add("run option " + option + " " + had + " where the spec now gives " + wanted);
            }
        }
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runOptions(Map<String, Object> run) {
        Object spec = run.get("spec");
        if (!(spec instanceof Map<?, ?> m) || !(m.get("options") instanceof Map<?, ?> o)) {
            throw new IllegalArgumentException("run.json has no spec.options");
        }
        return (Map<String, Object>) o;
    }

    private static boolean sameValue(Object had, String wanted) {
        if (had == null || wanted.equals("null")) {
            return had == null && wanted.equals("null");
        }
        if (had instanceof Number n) {
            try {
                return n.doubleValue() == Double.parseDouble(wanted);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return String.valueOf(had).equals(wanted);
    }
}
