package ccl.sweep;

import ccl.io.AtomicFiles;
import ccl.io.Json;
import ccl.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a sweep: one run folder per point under the sweep folder, which also holds a copy of the spec
 * ({@code sweep.yaml}) and {@code index.json}, every point with its state. A point's own folder decides its
 * state, so running the same sweep again continues it: finished points are skipped, killed or stopped ones
 * resumed from their checkpoints, the rest started; a point whose run fails is tried once more, then
 * reported as failed with the end of its log.
 */
public final class Sweeps {
    public static final String INDEX = "index.json";
    public static final String SPEC_COPY = "sweep.yaml";

    /**
     * What a point is, as its folder says. {@code STALE}: the folder holds a run of other settings than the
     * spec now gives the point (its config file or the spec was edited since), which is neither counted as
     * done nor continued.
     */
    public enum State { PENDING, INTERRUPTED, RUNNING_ELSEWHERE, DONE, FAILED, STALE }

    /** One point with its folder, its state and (when failed) why. */
    public record Entry(SweepPoint point, Path dir, State state, String reason, Map<String, Object> summary) {
    }

    /**
     * Runs one point to its end in {@code dir}: starting it, or resuming it. Returns the exit status (0 when
     * the run ended, 130 when it was stopped by a signal). Closing it releases what it holds (a cluster).
     */
    public interface Executor extends AutoCloseable {
        int run(SweepPoint point, Path dir, boolean resume);

        /** How many points run at once. */
        int parallel();

        /** Engine threads of each run. */
        int threads();

        @Override
        default void close() {
        }
    }

    private Sweeps() {
    }

    /** Every point of the spec with its state in {@code out}; all configs are resolved (checked) first. */
    public static List<Entry> plan(SweepSpec spec, Path out) {
        List<SweepPoint> points = SweepPoint.expand(spec);
        Set<String> names = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (SweepPoint p : points) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(spec.file() + ": two points are both named '" + p.name()
                        + "' (configs with the same file name?); give the configs distinct names");
            }
            try {
                p.resolve();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(spec.file() + ": point " + p.name() + ": " + e.getMessage(), e);
            }
            entries.add(stateOf(p, out.resolve(p.name())));
        }
        return entries;
    }

    static Entry stateOf(SweepPoint p, Path dir) {
        Path summary = dir.resolve(RunFolder.SUMMARY);
        boolean finished = Files.isRegularFile(summary);
        if (!finished && RunFolder.inUse(dir)) {
            return new Entry(p, dir, State.RUNNING_ELSEWHERE, "its folder is locked by a run in another process", null);
        }
        boolean started = Files.isRegularFile(dir.resolve(RunFolder.RUN));
        String changed = started ? RunChanges.between(p, dir) : null;
        if (changed != null) {
            return new Entry(p, dir, State.STALE, "its run has " + changed + " (the config file or the spec changed "
                    + "since it started); move " + dir + " away to run the point again, or restore the value", null);
        }
        if (finished) {
            return new Entry(p, dir, State.DONE, null, RunFolder.readJson(summary));
        }
        return new Entry(p, dir, started ? State.INTERRUPTED : State.PENDING, null, null);
    }

    /**
     * Runs every point not done (at most {@code executor.parallel()} at once), keeping {@code index.json}
     * current; returns the final entries. {@code progress} gets one line per change.
     */
    public static List<Entry> run(SweepSpec spec, Path out, Executor executor, Consumer<String> progress) {
        return run(spec, out, executor, progress, p -> true);
    }

    /** As {@link #run(SweepSpec, Path, Executor, Consumer)}, running only the points {@code selected} accepts. */
    public static List<Entry> run(SweepSpec spec, Path out, Executor executor, Consumer<String> progress,
                                  Predicate<SweepPoint> selected) {
        List<Entry> entries = new ArrayList<>(plan(spec, out));
        try {
            Files.createDirectories(out);
            AtomicFiles.copy(spec.file(), out.resolve(SPEC_COPY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep folder " + out + ": " + e.getMessage(), e);
        }
        writeIndex(out, spec, entries);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            State s = entries.get(i).state();
            if ((s == State.PENDING || s == State.INTERRUPTED) && selected.test(entries.get(i).point())) {
                todo.add(i);
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(executor.parallel(), todo.size())));
        // On SIGINT/SIGTERM of the sweep, its runs are stopped at a step boundary with a checkpoint.
        Thread stopRuns = new Thread(() -> {
            pool.shutdownNow();
            try {
                pool.awaitTermination(150, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is going down anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(stopRuns);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int i : todo) {
                running.add(pool.submit(() -> {
                    Entry done = runPoint(entries.get(i), executor);
                    synchronized (entries) {
                        entries.set(i, done);
                        writeIndex(out, spec, entries);
                        progress.accept(line(entries, done));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the sweep stopped: " + e.getCause().getMessage(), e.getCause());
        } finally {
            // Whatever ended the sweep, its runs stop with a checkpoint before it returns (none is left orphaned).
            pool.shutdownNow();
            try {
                pool.awaitTermination(150, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopRuns);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the runs
            }
        }
        return entries;
    }

    /**
     * Starts or resumes the point; a failed attempt is tried once more, resuming from its checkpoint. Another
     * sweep over the same folder may take a point between this one's scan and its start: the folder's state is
     * read again before each attempt and after a failed one, and a point another process holds is left to it.
     */
    private static Entry runPoint(Entry e, Executor executor) {
        int status = -1;
        for (int attempt = 1; attempt <= 2; attempt++) {
            Entry before = stateOf(e.point(), e.dir());
            if (before.state() == State.DONE || before.state() == State.RUNNING_ELSEWHERE
                    || before.state() == State.STALE) {
                return before;
            }
            boolean resume = Files.isRegularFile(e.dir().resolve(RunFolder.RUN));
            status = executor.run(e.point(), e.dir(), resume);
            Entry now = stateOf(e.point(), e.dir());
            if (now.state() == State.DONE || now.state() == State.RUNNING_ELSEWHERE) {
                return now;
            }
            if (status == 130) {
                return new Entry(e.point(), e.dir(), State.INTERRUPTED, "stopped by a signal", null);
            }
        }
        return new Entry(e.point(), e.dir(), State.FAILED, "exit status " + status + " twice; " + logTail(e.dir()), null);
    }

    private static String line(List<Entry> entries, Entry changed) {
        long done = entries.stream().filter(x -> x.state() == State.DONE).count();
        long failed = entries.stream().filter(x -> x.state() == State.FAILED).count();
        long stale = entries.stream().filter(x -> x.state() == State.STALE).count();
        String what = changed.state() == State.DONE ? "done " + changed.summary().get("status")
                + (changed.summary().get("test_acc") != null ? " test_acc=" + changed.summary().get("test_acc") : "")
                : changed.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (changed.reason() == null ? "" : " (" + changed.reason() + ")");
        return String.format("[sweep] %d/%d done, %d failed%s; %s: %s", done, entries.size(), failed,
                stale > 0 ? ", " + stale + " stale" : "", changed.point().name(), what);
    }

    static void writeIndex(Path out, SweepSpec spec, List<Entry> entries) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.point().name());
            m.put("config", e.point().config().toString());
            m.put("keys", e.point().keys());
            m.put("options", e.point().options());
            m.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
            m.put("reason", e.reason());
            m.put("status", e.summary() == null ? null : e.summary().get("status"));
            m.put("test_acc", e.summary() == null ? null : e.summary().get("test_acc"));
            points.add(m);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("spec", spec.file().toString());
        index.put("points", points);
        AtomicFiles.writeString(out.resolve(INDEX), Json.PRETTY.toJson(Json.finite(index)) + "\n");
    }

    /** The last lines of the point's log, for a failure report. */
    static String logTail(Path dir) {
        Path log = dir.resolve(LocalExecutor.LOG);
        try {
            List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
            return lines.isEmpty() ? "no log" : "log " + log + " ends: "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException ex) {
            return "log " + log + " unreadable";
        }
    }
}
