package ccl.parity;

import ccl.config.Config;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step-level trace recorded from the reference (format: {@code shared/parity/README.md}):
 * the resolved config, batch size and step count (the first {@code pretraining_steps} of them steps of a
 * rule's pre-training, as target propagation's feedback-only epochs), normalization, and the losses of
 * every step.
 */
public record ParityCase(Path dir, String name, Config config, int batch, int steps, int pretrainingSteps,
                         float[] mean, float[] std, double[] losses, List<String> paramKeys) {

    public static ParityCase load(Path dir) {
        Path file = dir.resolve("case.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a parity case: it has no case.json");
        }
        try (Reader r = Files.newBufferedReader(file)) {
            JsonObject o = JsonParser.parseReader(r).getAsJsonObject();
            Map<String, Object> flat = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("config").entrySet()) {
                JsonElement v = e.getValue();
                flat.put(e.getKey(), v.getAsJsonPrimitive().isNumber() ? number(v.getAsString()) : v.getAsString());
            }
            int batch = o.get("batch").getAsInt();
            flat.put("batchsize", batch);
            return new ParityCase(dir, o.has("name") ? o.get("name").getAsString() : dir.getFileName().toString(),
                    Config.fromMap(flat, file.toString()), batch, o.get("steps").getAsInt(),
                    o.has("pretraining_steps") ? o.get("pretraining_steps").getAsInt() : 0,
                    floats(o, "normalize_mean"), floats(o, "normalize_std"), doubles(o, "losses_per_step"),
                    o.getAsJsonArray("param_keys").asList().stream().map(JsonElement::getAsString).toList());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read parity case " + file + ": " + e.getMessage(), e);
        }
    }

    /** JSON numbers as Integer when integral in form ("1"), else Double ("0.0", "1e-06"). */
    private static Object number(String text) {
        return text.matches("-?\\d+") ? (Object) Integer.valueOf(text) : Double.valueOf(text);
    }

    private static float[] floats(JsonObject o, String key) {
        double[] d = doubles(o, key);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] doubles(JsonObject o, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return new double[0];
        }
        return o.getAsJsonArray(key).asList().stream().mapToDouble(JsonElement::getAsDouble).toArray();
    }
}
