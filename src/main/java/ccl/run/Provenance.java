package ccl.run;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** Versions, machine and code revision recorded with every result, so a number can be traced to what made it. */
public final class Provenance {
    private Provenance() {
    }

    public static Map<String, Object> describe(int threads) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ccl_version", version());
        // Of the build, not of the tree at run time: a jar outlives the commit it was built from.
        p.put("git_commit", BUILD.getProperty("commit", "unknown"));
        p.put("uncommitted_changes", BUILD.getProperty("uncommitted_changes", "unknown"));
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("djl", Engine.getDjlVersion());
        p.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cpu", CPU);
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("threads", threads);
        p.put("denormals", Denormals.state());
        return p;
    }

    /** The processor's model name (Linux), since timings and subnormal costs depend on it; else the arch. */
    private static final String CPU = cpu();

    private static String cpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static final Properties BUILD = load("/ccl/build.properties", "/ccl/revision.properties");

    private static Properties load(String... resources) {
        Properties p = new Properties();
        for (String resource : resources) {
            try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // provenance then says "unknown"
            }
        }
        return p;
    }

    public static String version() {
        return BUILD.getProperty("version", "dev");
    }

    /** The commit the jar was built from, with {@code +dirty} when the tree had uncommitted changes. */
    public static String commit() {
        String c = BUILD.getProperty("commit", "unknown");
        return "true".equals(BUILD.getProperty("uncommitted_changes")) ? c + "+dirty" : c;
    }
}
