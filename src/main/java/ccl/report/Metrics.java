package ccl.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The epochs of a run's {@code metrics.jsonl}, as series to plot against the epoch counted from 1. */
final class Metrics {
    /** One value per epoch that has it; missing, null and non-finite values are left out. */
    record Series(String name, List<Double> epochs, List<Double> values) {
        boolean isEmpty() {
            return values.isEmpty();
        }

        /** The value logged after {@code epoch}, or null when that epoch has none. */
        Double valueAt(double epoch) {
            for (int i = 0; i < epochs.size(); i++) {
                if (epochs.get(i) == epoch) {
                    return values.get(i);
                }
            }
            return null;
        }
    }

    private final Path file;
    private final List<JsonObject> epochs;
    private final int epochOffset;
    private final List<Integer> lineNumbers;

    private Metrics(Path file, List<JsonObject> epochs, List<Integer> lineNumbers) {
        this.file = file;
        this.epochs = epochs;
        this.lineNumbers = lineNumbers;
        // Files written before the epoch was counted from 1 everywhere start at 0, and are shifted.
        JsonElement first = epochs.get(0).get("epoch");
        this.epochOffset = first == null || first.isJsonNull() || number(first, 0, "epoch") == 0 ? 1 : 0;
    }

    Path file() {
        return file;
    }

    /** Reads every line up front so a malformed one is reported before anything is drawn. */
    static Metrics read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            // Not unchecked: Errors.describe would show only the cause, e.g. "Input length = 1" for a binary file.
            throw new IllegalArgumentException(file + ": cannot read: " + e, e);
        }
        List<JsonObject> epochs = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            epochs.add(parseLine(file, i + 1, line));
            lineNumbers.add(i + 1);
        }
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty; no epochs to plot");
        }
        return new Metrics(file, epochs, lineNumbers);
    }

    private static JsonObject parseLine(Path file, int number, String line) {
        JsonReader reader = new JsonReader(new StringReader(line));
        // Lenient, because older run files hold NaN and Infinity as bare words.
        reader.setStrictness(Strictness.LENIENT);
        try {
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw notJson(file, number, "text after the end of the object");
            }
            // A lenient parser reads a bare word as a string, so check for an object.
            if (!e.isJsonObject()) {
                throw notJson(file, number, "expected an object {...}, found " + abbreviate(line));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IOException ex) {
            // Gson counts lines within the one it was given, and adds a troubleshooting link on a second line.
            Throwable t = ex.getCause() != null ? ex.getCause() : ex;
            String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            throw notJson(file, number, first.replaceFirst(" at line 1 column ", " at column "));
        }
    }

    /** The top-level number {@code key} of each epoch. */
    Series series(String key, String name, double scale) {
        return series(key, name, scale, null);
    }

    /**
     * As {@link #series(String, String, double)} over the epochs of one {@code phase} only ({@code "pretraining"}
     * or {@code "training"}; an epoch without one is a training epoch), or of all when null.
     */
    Series series(String key, String name, double scale, String phase) {
        Series s = new Series(name, new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < epochs.size(); i++) {
            JsonElement p = epochs.get(i).get("phase");
            String own = p == null || p.isJsonNull() ? "training" : p.getAsString();
            if (phase == null || phase.equals(own)) {
                add(s, i, epochs.get(i).get(key), key, scale);
            }
        }
        return s;
    }

    /** One series per entry of the object {@code key} (the per-layer angles), in the order the layers appear. */
    List<Series> seriesPerEntry(String key) {
        Map<String, Series> byName = new LinkedHashMap<>();
        for (int i = 0; i < epochs.size(); i++) {
            JsonElement v = epochs.get(i).get(key);
            if (v == null || v.isJsonNull()) {
                continue;
            }
            if (!v.isJsonObject()) {
                throw new IllegalArgumentException(file + ":" + lineNumbers.get(i) + ": " + key
                        + " is not an object of per-layer values");
            }
            for (Map.Entry<String, JsonElement> entry : v.getAsJsonObject().entrySet()) {
                Series s = byName.computeIfAbsent(entry.getKey(),
                        name -> new Series(name, new ArrayList<>(), new ArrayList<>()));
                add(s, i, entry.getValue(), key + "." + entry.getKey(), 1);
            }
        }
        return byName.values().stream().filter(s -> !s.isEmpty()).toList();
    }

    private void add(Series s, int index, JsonElement v, String what, double scale) {
        if (v == null || v.isJsonNull()) {
            return;
        }
        double value = number(v, index, what);
        if (Double.isFinite(value)) {
            s.epochs().add(epoch(index));
            s.values().add(value * scale);
        }
    }

    /** The line's own epoch when it has one, else its position, counted from 1. */
    private double epoch(int index) {
        JsonElement e = epochs.get(index).get("epoch");
        return (e != null && !e.isJsonNull() ? number(e, index, "epoch") : index) + epochOffset;
    }

    // Run files written before summary.json became standard JSON hold NaN and Infinity as bare words,
    // which Gson reads back as strings.
    private double number(JsonElement v, int index, String what) {
        if (v.isJsonPrimitive()) {
            try {
                return v.getAsDouble();
            } catch (NumberFormatException e) {
                // a string or boolean: the error below names it
            }
        }
        throw new IllegalArgumentException(file + ":" + lineNumbers.get(index) + ": " + what
                + " is not a number: " + abbreviate(v.toString()));
    }

    private static IllegalArgumentException notJson(Path file, int line, String detail) {
        return new IllegalArgumentException(file + ":" + line + ": not JSON: " + detail);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
