package ccl.sweep;

import ccl.run.RunSpec;
import ccl.run.Runs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a point's run folder ran with, against what the spec gives the point now: the resolved config and
 * the run options, key by key. A sweep that counted an edited point's old run as done would put another
 * setting's result in its table without a word.
 */
final class RunChanges {
    private RunChanges() {
    }

    /** Null when the run in {@code dir} has the point's settings, else what differs, in words. */
    static String between(SweepPoint point, Path dir) {
        RunSpec ran;
        try {
            ran = Runs.readSpec(dir);
        } catch (RuntimeException e) {
            return "a config.yaml or run.json that no longer reads (" + e.getMessage() + ")";
        }
        List<String> changes = new ArrayList<>(differences("", ran.config().flat(), point.resolve().flat()));
        changes.addAll(differences("run option ", ran.options().toMap(), point.runOptions().toMap()));
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    private static List<String> differences(String what, Map<String, Object> ran, Map<String, Object> now) {
        TreeSet<String> keys = new TreeSet<>(ran.keySet());
        keys.addAll(now.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(ran.get(key), now.get(key))) {
                out.add(what + key + " " + ran.get(key) + " where the spec now gives " + now.get(key));
            }
        }
        return out;
    }
}
