package ccl.sweep.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and a worker, each its own JVM started from this
 * test's class path (the project's own dependencies), as {@code sbin/start-master.sh} and
 * {@code start-worker.sh} would start them. The worker launches executor JVMs as on any cluster.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path dir;
    private final Process master;
    private final Process worker;
    final String url;

    StandaloneCluster(Path dir, int workerCores, String workerMemory) throws Exception {
        this.dir = dir;
        int port = freePort();
        url = "spark://127.0.0.1:" + port;
        // The worker builds each executor's class path from SPARK_HOME/jars (here empty: the executors get
        // everything from spark.executor.extraClassPath, the way the driver sets it).
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home").resolve("jars")).getParent();
        master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort())), sparkHome);
        Process w = null;
        try {
            waitForPort(port, master, "master");
            w = start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                    Integer.toString(workerCores), "--memory", workerMemory, "--work-dir", dir.resolve("work").toString(),
                    "--webui-port", Integer.toString(freePort()), url), sparkHome);
            waitForLog("worker", "Successfully registered with master", w);
        } catch (Exception e) {
            stop(w);
            stop(master);
            throw e;
        }
        worker = w;
        // a test JVM that ends without closing (a failed run) leaves no cluster behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    }

    private Process start(String name, List<String> mainAndArgs, Path sparkHome) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Dio.netty")) {
                cmd.add(arg);
            }
        }
        // Without slf4j-nop (the project's choice for its own CLI) the master and worker log through Spark's log4j2.
        String cp = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("slf4j-nop")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        cmd.addAll(List.of("-cp", cp));
        cmd.addAll(mainAndArgs);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        b.environment().put("SPARK_HOME", sparkHome.toString());
        b.environment().put("SPARK_SCALA_VERSION", "2.13");
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return b.start();
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** The executor JVMs the worker runs now. */
    List<ProcessHandle> executors() {
        return worker.descendants().filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend")).toList();
    }

    /** Every process under the worker, with its command line (for failure messages). */
    String processes() {
        return worker.descendants().map(p -> p.pid() + ": " + commandLine(p)).toList().toString();
    }

    /** What ProcessHandle.Info leaves out for long command lines: /proc/PID/cmdline has it all. */
    static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return p.info().commandLine().orElse("");
        }
    }

    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(log(name));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void waitForLog(String name, String text, Process p) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.isRegularFile(log(name)) && Files.readString(log(name)).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the Spark " + name + " did not start:\n" + tail(name));
    }

    private void waitForPort(int port, Process p, String name) throws Exception {
        for (int i = 0; i < 1200 && p.isAlive(); i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the Spark " + name + " did not start:\n" + tail(name));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void stopAll() {
        stop(worker);
        stop(master);
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopAll();
    }
}
