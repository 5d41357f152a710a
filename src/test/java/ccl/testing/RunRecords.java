package ccl.testing;

import ccl.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A run folder's records as tests compare them: what two runs of the same numbers share. */
public final class RunRecords {
    /** The keys of an epoch's record that measure the machine, not the run. */
    public static final Set<String> TIMING = Set.of("train_seconds", "seconds", "samples_per_s", "rss_mb", "heap_mb",
            "direct_mb", "launch_to_first_step_s");

    private RunRecords() {
    }

    /** Every epoch's record of {@code dir/metrics.jsonl} without its timing and memory keys. */
    public static List<Map<String, Object>> metricsWithoutTiming(Path dir) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
                Map<String, Object> m = new LinkedHashMap<>(Json.parseObject(line));
                m.keySet().removeAll(TIMING);
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
