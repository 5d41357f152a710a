package ccl.cli;

import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() {
        SweepSpec spec = SweepSpec.load(specFile);
        Path folder = out != null ? out : spec.out();
        if (folder == null) {
            throw new IllegalArgumentException(specFile + ": the spec has no 'out' and no --out was given");
        }
        try (Sweeps.Executor executor = executorOptions.open()) {
            if (dryRun) {
                List<Sweeps.Entry> plan = Sweeps.plan(spec, folder);
                for (Sweeps.Entry e : plan) {
                    System.out.printf("%-40s %-17s ccl %s%n", e.point().name(),
                            e.state().name().toLowerCase(java.util.Locale.ROOT),
                            String.join(" ", e.point().trainArgs(e.dir(), executor.threads())));
                }
                System.out.println(plan.size() + " points; " + executor.parallel() + " at a time");
                return 0;
            }
            return report(folder, Sweeps.run(spec, folder, executor, System.out::println));
        }
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
