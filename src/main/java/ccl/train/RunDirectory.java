package ccl.train;

import ccl.config.Config;
import ccl.io.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run leaves behind: {@code config.yaml} (resolved), {@code metrics.jsonl} (one line per epoch),
 * {@code best.npz} and {@code summary.json} (results with their provenance). Every write is atomic.
 */
public final class RunDirectory {
    private static final Gson LINE = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final Gson PRETTY = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

    private final Path dir;
    private final List<String> metricLines = new ArrayList<>();

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() { return dir; }

    public Path bestWeights() { return dir.resolve("best.npz"); }

    public void writeConfig(Config config) {
        config.write(dir.resolve("config.yaml"));
    }

    /** Rewrites the whole file each epoch so a reader never sees a partial line. */
    public void appendMetrics(Map<String, Object> epoch) {
        metricLines.add(LINE.toJson(epoch));
        AtomicFiles.writeString(dir.resolve("metrics.jsonl"), String.join("\n", metricLines) + "\n");
    }

    public void writeSummary(Map<String, Object> summary) {
        AtomicFiles.writeString(dir.resolve("summary.json"), PRETTY.toJson(summary) + "\n");
    }
}
