package ccl.sweep;

import ccl.run.RunSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A sweep executor that lives outside the default build (Apache Spark: {@code src/spark}, built with
 * {@code mvn -Pspark}), found through {@link ServiceLoader}; a line in {@code META-INF/services} registers it.
 */
public interface ExecutorProvider {
    /** The {@code --executor} value that selects it. */
    String name();

    Sweeps.Executor open(Settings settings);

    /**
     * What the command line gives such an executor: where to run ({@code --master}), how many points at once
     * and with how many engine threads (null: the executor's default), extra settings, and the run of a point.
     */
    record Settings(String master, Integer parallel, Integer threads, Map<String, String> conf, PointRuns runs) {
    }

    /** The run a point describes, resolved where the sweep is started (absolute paths), as ccl train starts it. */
    interface PointRuns {
        RunSpec spec(SweepPoint point, Path dir, int threads);
    }

    /** The executor named {@code name} in this build, or an error that says how to build it. */
    static Sweeps.Executor open(String name, Settings settings) {
        for (ExecutorProvider p : ServiceLoader.load(ExecutorProvider.class)) {
            if (p.name().equals(name)) {
                return p.open(settings);
            }
        }
        if (name.equals("spark")) {
            throw new IllegalArgumentException("--executor spark is not in this build of ccl: build it with 'mvn -Pspark "
                    + "-DskipTests package' (adds Apache Spark, about 220 MB from Maven Central); ./ccl keeps that "
                    + "build from then on");
        }
        throw new IllegalArgumentException("--executor " + name + " is unknown; use local or spark");
    }
}
