package ccl.run;

import ccl.io.AtomicFiles;
import ccl.io.Json;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code metrics.jsonl}: the history, one JSON line per epoch, rewritten whole each epoch so no reader sees half a line. */
public final class MetricsFile implements TrainingListener {
    private final Path file;

    public MetricsFile(Path file) {
        this.file = file;
    }

    @Override
    public void onEpochEnd(TrainingState state, Map<String, Object> record) {
        AtomicFiles.writeString(file, state.history().stream().map(Json.LINE::toJson)
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
