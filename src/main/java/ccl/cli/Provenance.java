package ccl.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.IVersionProvider;

/** Versions, machine and code revision recorded with every result, so a number can be traced to what made it. */
final class Provenance {
    private Provenance() {
    }

    static Map<String, Object> describe(int threads) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ccl_version", version());
        p.put("git_commit", gitCommit());
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("djl", Engine.getDjlVersion());
        p.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("threads", threads);
        return p;
    }

    static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "-C", Home.dir().toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ccl " + version() + " (DJL " + Engine.getDjlVersion() + ")"};
        }
    }
}
