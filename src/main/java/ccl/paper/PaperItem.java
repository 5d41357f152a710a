package ccl.paper;

import ccl.sweep.SweepPoint;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One table or figure of the paper, made with one command: it runs what it needs through the sweep
 * machinery (so it continues after any stop) and writes the item with the paper's numbers beside ours.
 */
public interface PaperItem {
    /**
     * How an item is made: where its files go ({@code out}), where the runs go ({@code runs}: null for each
     * spec's own {@code out}), quickly or in full, with how many seeds, whether to train what is missing
     * ({@code train}; without, the item is written from the runs already finished), on which executor.
     */
    record Options(Path out, Path runs, boolean quick, Integer seeds, boolean train, Sweeps.Executor executor) {
        /** Where item {@code name}'s tables and figures go: {@code out/<name>}, {@code -quick} for the quick variant. */
        Path itemFolder(String name) {
            return out.resolve(name + (quick ? "-quick" : ""));
        }

        /**
         * The spec as these options run it: the quick variant sets {@code quickSettings} on every point, and it or
         * {@code --seeds} keeps the first seeds of a grid over seed. Items that share runs go through here alike,
         * so they expand to the same points.
         */
        SweepSpec variant(SweepSpec spec, Map<String, String> quickSettings) {
            SweepSpec s = quick ? spec.withEveryPoint(quickSettings) : spec;
            boolean cut = (seeds != null || quick) && s.grid().containsKey("seed");
            return cut ? s.withSeeds(seeds != null ? seeds : 1) : s;
        }

        /** The spec's points in {@link #runsOf} with their states, after training those {@code points} selects. */
        List<Sweeps.Entry> sweep(SweepSpec spec, Predicate<SweepPoint> points) {
            Path folder = runsOf(spec);
            return train ? Sweeps.run(spec, folder, executor, System.out::println, points) : Sweeps.plan(spec, folder);
        }

        /**
         * A spec's run folder: {@code runs/<spec name>} when given, else the spec's own {@code out}, where
         * {@code ccl sweep SPEC} puts its runs, so that a sweep run by hand and the items that need it (and
         * two items that need the same runs, Table 3 and Fig 4) share every run. A quick variant's runs go
         * beside, with {@code -quick}: they are not the item's settings.
         */
        public Path runsOf(SweepSpec spec) {
            String stem = spec.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Path base = runs != null ? runs.resolve(stem) : spec.out() != null ? spec.out() : out.resolve(stem);
            return quick ? base.resolveSibling(base.getFileName() + "-quick") : base;
        }
    }

    String name();

    /** What it shows and what it runs. */
    String what();

    /** How long it takes on this machine kind, in full and with {@code --quick}. */
    String cost();

    /** Runs what is missing and writes the item's files; returns them. */
    List<Path> make(Options options);
}
