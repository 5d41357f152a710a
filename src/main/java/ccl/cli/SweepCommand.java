package ccl.cli;

import ccl.sweep.SweepPoint;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every point of a sweep spec (configs × a grid over config keys and run options), one run",
                "folder each under the sweep folder, with index.json listing every point's state. Running it again",
                "continues: finished points are skipped, stopped or killed ones resumed, failed ones tried again;",
                "a point whose folder ran other settings than the spec now gives is stale and left as it is.",
                "Exit status 0 when every point is done, 1 when some failed or are stale, 130 when stopped."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Sweep spec (YAML), e.g. sweeps/table1_mnist.yaml.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: the spec's out).")
    Path out;

    @Mixin
    ExecutorOptions executorOptions = new ExecutorOptions();

    @Option(names = "--dry-run", description = "List the points with their state and command; run nothing.")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "GLOB", description = "Run only the points whose names match (repeatable; "
            + "*, ? and [...] as in file names, e.g. 'mnist_*-seed[123]'); the others are left as they are.")
    List<String> only = List.of();

    @Override
    public Integer call() {
        SweepSpec spec = SweepSpec.load(specFile);
        Path folder = out != null ? out : spec.out();
        if (folder == null) {
            throw new IllegalArgumentException(specFile + ": the spec has no 'out' and no --out was given");
        }
        Predicate<SweepPoint> selected = selection(spec);
        try (Sweeps.Executor executor = executorOptions.open()) {
            if (dryRun) {
                List<Sweeps.Entry> plan = Sweeps.plan(spec, folder).stream().filter(e -> selected.test(e.point())).toList();
                for (Sweeps.Entry e : plan) {
                    System.out.printf("%-40s %-17s ccl %s%n", e.point().name(),
                            e.state().name().toLowerCase(java.util.Locale.ROOT),
                            String.join(" ", e.point().trainArgs(e.dir(), executor.threads())));
                }
                System.out.println(plan.size() + " points; " + executor.parallel() + " at a time");
                plan.stream().filter(e -> e.state() == Sweeps.State.STALE)
                        .forEach(e -> System.err.println("stale: " + e.point().name() + ": " + e.reason()));
                return 0;
            }
            List<Sweeps.Entry> end = Sweeps.run(spec, folder, executor, System.out::println, selected);
            return report(folder, end.stream().filter(e -> selected.test(e.point())).toList());
        }
    }

    /** The points --only names (every point without it); a glob that matches none is an error. */
    private Predicate<SweepPoint> selection(SweepSpec spec) {
        List<String> names = SweepPoint.expand(spec).stream().map(SweepPoint::name).toList();
        List<PathMatcher> globs = new ArrayList<>();
        for (String glob : only) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (names.stream().noneMatch(n -> m.matches(Path.of(n)))) {
                throw new IllegalArgumentException("--only '" + glob + "' matches no point of " + specFile + "; its points: "
                        + String.join(", ", names.subList(0, Math.min(6, names.size()))) + (names.size() > 6 ? ", ..." : "")
                        + " (ccl sweep " + specFile + " --dry-run lists them all)");
            }
            globs.add(m);
        }
        return p -> globs.isEmpty() || globs.stream().anyMatch(m -> m.matches(Path.of(p.name())));
    }

    private static int report(Path folder, List<Sweeps.Entry> end) {
        long failed = count(end, Sweeps.State.FAILED);
        long stale = count(end, Sweeps.State.STALE);
        long open = end.size() - count(end, Sweeps.State.DONE) - failed - stale;
        System.out.printf("[sweep] %s: %d points, %d done, %d failed, %d stale, %d not finished; see %s%n", folder,
                end.size(), count(end, Sweeps.State.DONE), failed, stale, open, folder.resolve(Sweeps.INDEX));
        end.stream().filter(e -> e.state() == Sweeps.State.FAILED || e.state() == Sweeps.State.STALE)
                .forEach(e -> System.err.println(e.state().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + e.point().name() + ": " + e.reason()));
        return failed + stale > 0 ? 1 : open > 0 ? 130 : 0;
    }

    private static long count(List<Sweeps.Entry> entries, Sweeps.State state) {
        return entries.stream().filter(e -> e.state() == state).count();
    }
}
