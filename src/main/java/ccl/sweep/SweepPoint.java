package ccl.sweep;

import ccl.config.Config;
import ccl.train.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: a base config, the config keys and run options it sets, and its folder's name,
 * which says the grid values ({@code mnist_ccl-seed3-lr_F0.8}).
 */
public record SweepPoint(String name, Path config, Map<String, String> keys, Map<String, String> options) {
    private static final Map<String, String> FLAGS = Map.of("val_fraction", "--val-fraction", "max_steps", "--max-steps",
            "batches_per_epoch", "--batches-per-epoch", "data_dir", "--data-dir", "probe", "--probe",
            "probe_steps", "--probe-steps", "probe_samples", "--probe-samples");

    public SweepPoint {
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Every combination of the grid's values for every config, with the matching overrides applied. */
    public static List<SweepPoint> expand(SweepSpec spec) {
        List<SweepPoint> points = new ArrayList<>();
        for (Path config : spec.configs()) {
            String stem = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Map<String, String> base = new LinkedHashMap<>();
            Config.load(config).flat().forEach((k, v) -> base.put(k, String.valueOf(v)));
            for (Map<String, String> combination : combinations(spec.grid())) {
                Map<String, String> keys = new LinkedHashMap<>();
                Map<String, String> options = new LinkedHashMap<>(spec.options());
                StringBuilder name = new StringBuilder(stem);
                combination.forEach((k, v) -> {
                    (SweepSpec.RUN_OPTIONS.contains(k) ? options : keys).put(k, v);
                    name.append('-').append(k).append(v.replaceAll("[^A-Za-z0-9._-]", "_"));
                });
                // The config's values with the grid's, as strings, so that match: {method: CCL} matches the file's.
                Map<String, String> values = new LinkedHashMap<>(base);
                values.putAll(keys);
                for (SweepSpec.Override o : spec.points()) {
                    if (o.match().entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())))) {
                        o.set().forEach((k, v) -> (SweepSpec.RUN_OPTIONS.contains(k) ? options : keys).put(k, v));
                    }
                }
                points.add(new SweepPoint(name.toString(), config, keys, options));
            }
        }
        return points;
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> grid) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        grid.forEach((key, values) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : values) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(key, v);
                    next.add(m);
                }
            }
            out.clear();
            out.addAll(next);
        });
        return out;
    }

    /** The resolved config of this point: checks every value before anything runs. */
    public Config resolve() {
        return Config.load(config).withOverrides(keys);
    }

    /**
     * The run options this point's run gets: the defaults with the spec's (the data folder and the probes
     * are not among them: they change nothing a run computes).
     */
    public RunOptions runOptions() {
        RunOptions o = RunOptions.defaults();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            try {
                o = switch (e.getKey()) {
                    case "val_fraction" -> o.withValFraction(Double.parseDouble(v));
                    case "max_steps" -> o.withMaxSteps(Long.parseLong(v));
                    case "batches_per_epoch" -> o.withBatchesPerEpoch(Integer.parseInt(v));
                    case "shuffle" -> o.withShuffle(switchValue("shuffle", v));
                    case "augment" -> o.withAugment(switchValue("augment", v));
                    default -> o;
                };
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("run option " + e.getKey() + " must be a number, not '" + v + "'");
            }
        }
        return o;
    }

    /** The {@code ccl train} arguments that start this point in {@code dir}. */
    public List<String> trainArgs(Path dir, int threads) {
        List<String> args = new ArrayList<>(List.of("train", config.toString()));
        keys.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
        options.forEach((k, v) -> {
            switch (k) {
                case "shuffle", "augment" -> {
                    if (!switchValue(k, v)) {
                        args.add("--no-" + k);
                    }
                }
                default -> args.addAll(List.of(FLAGS.get(k), v));
            }
        });
        args.addAll(List.of("--out", dir.toString(), "--threads", Integer.toString(threads)));
        return args;
    }

    private static boolean switchValue(String option, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("run option " + option + " must be true or false, not '" + value + "'");
        }
        return value.equals("true");
    }
}
