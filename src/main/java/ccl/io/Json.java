package ccl.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the run files use it: standard JSON only (a value that is not finite is written as null), and
 * numbers read back as Long when integral and Double otherwise, so a record survives a round trip unchanged.
 */
public final class Json {
    public static final Gson LINE = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .serializeNulls().create();
    public static final Gson PRETTY = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .serializeNulls().setPrettyPrinting().create();

    private Json() {
    }

    /** A copy of the map in which every NaN or infinite number, at any depth, is null. */
    public static Map<String, Object> finite(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, clean(v)));
        return out;
    }

    private static Object clean(Object v) {
        if (v instanceof Double d) {
            return finiteOrNull(d);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), clean(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(clean(x)));
            return out;
        }
        return v;
    }

    public static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static Map<String, Object> parseObject(String json) {
        return LINE.fromJson(json, new TypeToken<LinkedHashMap<String, Object>>() { }.getType());
    }
}
