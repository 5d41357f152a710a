package ccl.sweep;

import ccl.config.ConfigException;
import ccl.config.ConfigSchema;
import ccl.config.Names;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A sweep: base configs, a grid over config keys and run options (every combination is a point), run
 * options every point shares, overrides for the points that match given values, and the output folder.
 *
 * <pre>
 * configs: [configs/mlp/mnist_ccl.yaml, configs/mlp/mnist_bp.yaml]
 * grid: {seed: [1, 2, 3, 4, 5]}
 * options: {val_fraction: 0.1}
 * points:
 *   - match: {method: CCL}
 *     set: {lr_F: 0.8, lr_B: 0.4}
 * out: runs/sweeps/table1-mnist
 * </pre>
 *
 * Errors name the file, the line and the key. Config paths are relative to the working directory.
 */
public record SweepSpec(Path file, List<Path> configs, Map<String, List<String>> grid, Map<String, String> options,
                        List<Override> points, Path out) {
    /** Values set for every point whose values include all of {@code match}. */
    public record Override(Map<String, String> match, Map<String, String> set) {
    }

    /** Run options a sweep may set (grid or options), by their spec name; the rest are config keys. */
    static final Set<String> RUN_OPTIONS = Set.of("val_fraction", "max_steps", "batches_per_epoch", "shuffle", "augment",
            "data_dir", "probe", "probe_steps", "probe_samples");
    private static final List<String> SECTIONS = List.of("configs", "grid", "options", "points", "out");

    /** The same sweep with the grid's {@code seed} values cut to the first {@code n}. */
    public SweepSpec withSeeds(int n) {
        List<String> seeds = grid.get("seed");
        if (seeds == null || n < 1) {
            throw new IllegalArgumentException(file + ": --seeds needs a grid over seed and a count of at least 1");
        }
        Map<String, List<String>> g = new LinkedHashMap<>(grid);
        g.put("seed", seeds.subList(0, Math.min(n, seeds.size())));
        return new SweepSpec(file, configs, g, options, points, out);
    }

    /** The same sweep with these config keys and run options set for every point, after its own overrides. */
    public SweepSpec withEveryPoint(Map<String, String> set) {
        List<Override> all = new ArrayList<>(points);
        all.add(new Override(Map.of(), set));
        return new SweepSpec(file, configs, grid, options, all, out);
    }

    public SweepSpec withOut(Path folder) {
        return new SweepSpec(file, configs, grid, options, points, folder);
    }

    public static SweepSpec load(Path file) {
        Node root = parse(file);
        Map<String, Node> top = mapping(root, file, "the sweep spec");
        for (Map.Entry<String, Node> e : top.entrySet()) {
            if (!SECTIONS.contains(e.getKey())) {
                throw error(file, e.getValue(), "unknown key '" + e.getKey() + "'; valid keys: " + SECTIONS
                        + Names.didYouMean(e.getKey(), SECTIONS));
            }
        }
        if (!top.containsKey("configs")) {
            throw new ConfigException(file + ": the sweep spec has no 'configs' (a list of config files)");
        }
        List<Path> configs = new ArrayList<>();
        for (Node n : sequence(top.get("configs"), file, "configs")) {
            Path config = Path.of(scalar(n, file, "configs"));
            if (!Files.isRegularFile(config)) {
                throw error(file, n, "config file " + config + " does not exist (paths are relative to the working directory)");
            }
            configs.add(config);
        }
        Map<String, List<String>> grid = new LinkedHashMap<>();
        if (top.containsKey("grid")) {
            for (Map.Entry<String, Node> e : mapping(top.get("grid"), file, "grid").entrySet()) {
                checkName(e.getKey(), file, e.getValue());
                List<String> values = new ArrayList<>();
                for (Node v : sequence(e.getValue(), file, "grid." + e.getKey())) {
                    values.add(scalar(v, file, "grid." + e.getKey()));
                }
                if (values.isEmpty()) {
                    throw error(file, e.getValue(), "grid key '" + e.getKey() + "' has no values");
                }
                grid.put(e.getKey(), List.copyOf(values));
            }
        }
        Map<String, String> options = top.containsKey("options") ? values(top.get("options"), file, "options") : Map.of();
        options.forEach((k, v) -> {
            if (!RUN_OPTIONS.contains(k)) {
                throw error(file, top.get("options"), "'" + k + "' is not a run option; options: " + RUN_OPTIONS
                        + " (config keys go in the grid or in points)");
            }
        });
        List<Override> points = new ArrayList<>();
        if (top.containsKey("points")) {
            for (Node n : sequence(top.get("points"), file, "points")) {
                Map<String, Node> p = mapping(n, file, "points");
                if (!p.containsKey("match") || !p.containsKey("set") || p.size() != 2) {
                    throw error(file, n, "each entry of 'points' has exactly 'match' and 'set'");
                }
                points.add(new Override(values(p.get("match"), file, "match"), values(p.get("set"), file, "set")));
            }
        }
        Path out = top.containsKey("out") ? Path.of(scalar(top.get("out"), file, "out")) : null;
        return new SweepSpec(file, List.copyOf(configs), grid, options, List.copyOf(points), out);
    }

    private static Node parse(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            Node root = new Yaml(new SafeConstructor(options)).compose(reader);
            if (root == null) {
                throw new ConfigException(file + ": the sweep spec is empty");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": sweep spec not found", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the sweep spec: " + e.getMessage(), e);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(file + ": malformed YAML at line " + line + ": " + e.getProblem(), e);
        }
    }

    private static void checkName(String key, Path file, Node at) {
        if (!RUN_OPTIONS.contains(key) && !ConfigSchema.isKey(key)) {
            List<String> known = new ArrayList<>(RUN_OPTIONS);
            ConfigSchema.keys().forEach(k -> known.add(k.name()));
            throw error(file, at, "'" + key + "' is neither a config key nor a run option" + Names.didYouMean(key, known));
        }
    }

    private static Map<String, String> values(Node node, Path file, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : mapping(node, file, what).entrySet()) {
            checkName(e.getKey(), file, e.getValue());
            out.put(e.getKey(), scalar(e.getValue(), file, what + "." + e.getKey()));
        }
        return out;
    }

    private static Map<String, Node> mapping(Node node, Path file, String what) {
        if (!(node instanceof MappingNode m)) {
            throw error(file, node, "'" + what + "' must be a mapping of key: value");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(scalar(t.getKeyNode(), file, what), t.getValueNode());
        }
        return out;
    }

    private static List<Node> sequence(Node node, Path file, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw error(file, node, "'" + what + "' must be a list, e.g. [1, 2, 3]");
        }
        return s.getValue();
    }

    private static String scalar(Node node, Path file, String what) {
        if (!(node instanceof ScalarNode s) || s.getValue().isEmpty()) {
            throw error(file, node, "'" + what + "' must be a single value");
        }
        return s.getValue();
    }

    private static ConfigException error(Path file, Node at, String problem) {
        return new ConfigException(file + ", line " + (at.getStartMark().getLine() + 1) + ": " + problem);
    }
}
