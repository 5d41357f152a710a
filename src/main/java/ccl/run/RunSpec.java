package ccl.run;

import ccl.analysis.Probes;
import ccl.config.Config;
import ccl.train.RunOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides what a run computes, as plain data: the resolved config (seed included), the
 * run options, where the data comes from, and the device. {@link Runs} turns it into a run; a sweep can
 * build many in-process or ship them elsewhere ({@link #toMap} is what run.json records).
 *
 * @param dataDir the dataset folder (datasets live under dataDir/&lt;name&gt;/)
 * @param cifar10Archive a CIFAR-10 image-folder archive to build CIFAR-10 from when it is missing, or null
 * @param device {@code cpu}, or {@code gpu} where the engine has one (checked by {@link Runs#device})
 * @param threads the engine's intra-op threads, which decide the summation order: a resumed run uses the same
 * @param probes the probes that look at the run at chosen steps (they change nothing it computes)
 */
public record RunSpec(Config config, RunOptions options, Path dataDir, Path cifar10Archive, String device, int threads,
                      Probes probes) {
    public RunSpec {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
    }

    /** The config with the reference's run options, data under {@code data/}, on the CPU with every core. */
    public static RunSpec of(Config config) {
        return new RunSpec(config, RunOptions.defaults(), Path.of("data"), null, "cpu",
                Runtime.getRuntime().availableProcessors(), Probes.none());
    }

    public RunSpec withOptions(RunOptions o) {
        return new RunSpec(config, o, dataDir, cifar10Archive, device, threads, probes);
    }

    public RunSpec withDataDir(Path dir) {
        return new RunSpec(config, options, dir, cifar10Archive, device, threads, probes);
    }

    public RunSpec withProbes(Probes p) {
        return new RunSpec(config, options, dataDir, cifar10Archive, device, threads, p);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config.flat());
        m.put("options", options.toMap());
        m.put("data_dir", dataDir.toString());
        m.put("cifar10_archive", cifar10Archive == null ? null : cifar10Archive.toString());
        m.put("device", device);
        m.put("threads", threads);
        m.put("probes", probes.toMap());
        return m;
    }

    /** The inverse of {@link #toMap}, with the config as read from the run's config.yaml. */
    @SuppressWarnings("unchecked")
    public static RunSpec fromMap(Map<String, Object> m, Config config) {
        Object archive = m.get("cifar10_archive");
        return new RunSpec(config, RunOptions.fromMap((Map<String, Object>) m.get("options")),
                Path.of((String) m.get("data_dir")), archive == null ? null : Path.of((String) archive),
                (String) m.get("device"), ((Number) m.get("threads")).intValue(),
                Probes.fromMap((Map<String, Object>) m.get("probes")));
    }
}
