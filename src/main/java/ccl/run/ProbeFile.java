package ccl.run;

import ccl.io.AtomicFiles;
import ccl.io.Json;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code probes.jsonl}: one JSON line per probe and step, rewritten whole for each new record. A resumed
 * run keeps the records of the steps before the one it resumes from (a killed run may have probed past
 * its checkpoint); the probes take the rest again.
 */
public final class ProbeFile implements TrainingListener, Consumer<Map<String, Object>> {
    private final Path file;
    private final List<Map<String, Object>> records = new ArrayList<>();

    public ProbeFile(Path file) {
        this.file = file;
    }

    @Override
    public void onFitStart(TrainingState state) {
        records.clear();
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                Map<String, Object> r = Json.parseObject(line);
                if (((Number) r.get("step")).longValue() < state.globalStep()) {
                    records.add(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        write();
    }

    @Override
    public void accept(Map<String, Object> record) {
        records.add(record);
        write();
    }

    private void write() {
        AtomicFiles.writeString(file, records.stream().map(r -> Json.LINE.toJson(Json.finite(r)))
                .collect(Collectors.joining("\n", "", records.isEmpty() ? "" : "\n")));
    }
}
