package ccl.paper;

import ccl.data.DataOptions;
import ccl.data.DatasetId;
import ccl.data.Datasets;
import ccl.data.InputPipelines;
import ccl.report.Plots;
import ccl.sweep.SweepPoint;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An item made of a few runs and their figures (Figs 3, 4, 5, 8, 9): the sweep of its spec, {@code ccl plot}
 * of every finished run into the item's folder, then what the item makes of those runs together (its
 * {@link Summary}). The runs go where {@link Options#runsOf} says, the spec's own folder by default. The quick variant
 * sets {@code quick} on every point and keeps one seed. Of several specs, the first whose datasets are all here, or
 * can be obtained, runs (Fig 5: STL-10 as in the paper, else CIFAR-10's images).
 */
record RunFigure(String name, String what, String cost, List<Path> specs, Predicate<SweepPoint> points,
                 Map<String, String> quick, Summary summary) implements PaperItem {
    RunFigure(String name, String what, String cost, Path spec, Map<String, String> quick, Summary summary) {
        this(name, what, cost, List.of(spec), quick, summary);
    }

    RunFigure(String name, String what, String cost, List<Path> specs, Map<String, String> quick, Summary summary) {
        this(name, what, cost, specs, p -> true, quick, summary);
    }

    /**
     * An item drawn from some of another item's runs (Fig 4 from Table 3's CIFAR-10 seed-1 runs): the same
     * spec, the same quick settings, so the two share their run folders and neither trains twice.
     */
    RunFigure(String name, String what, String cost, Path spec, Predicate<SweepPoint> points, Map<String, String> quick,
              Summary summary) {
        this(name, what, cost, List.of(spec), points, quick, summary);
    }

    /** What an item writes from its finished runs (each already plotted into {@code folder/<point>}). */
    interface Summary {
        List<Path> write(List<Sweeps.Entry> done, Path folder);
    }

    /**
     * The first spec whose datasets are all here; else, when training, the first whose datasets its sources can
     * provide (a machine without STL-10's download still has CIFAR-10's offline archive); else the first, whose
     * sweep then says how to get its data.
     */
    SweepSpec chosen(boolean train, DataOptions sources) {
        List<Predicate<Path>> passes = List.of(p -> dataOf(p).allMatch(d -> Datasets.present(d.id(), d.dataDir())),
                p -> train && dataOf(p).allMatch(d -> Datasets.obtain(d.id(), sources.withDataDir(d.dataDir()))));
        for (Predicate<Path> usable : passes) {
            for (Path p : specs) {
                if (usable.test(p)) {
                    if (!p.equals(specs.get(0))) {
                        System.out.println(name + ": the data of " + specs.get(0) + " is not here ('ccl datasets' says "
                                + "how to get it); running " + p + " instead");
                    }
                    return SweepSpec.load(p);
                }
            }
        }
        return SweepSpec.load(specs.get(0));
    }

    /** The stored datasets a spec's points read (MNIST_CNN reads MNIST, resized), each with its folder. */
    private static Stream<DatasetAt> dataOf(Path spec) {
        return SweepPoint.expand(SweepSpec.load(spec)).stream().map(point -> new DatasetAt(
                InputPipelines.forConfig(point.resolve()).storage(),
                Path.of(point.options().getOrDefault("data_dir", "data")))).distinct();
    }

    private record DatasetAt(DatasetId id, Path dataDir) {
    }

    @Override
    public List<Path> make(Options o) {
        Path folder = o.itemFolder(name);
        SweepSpec s = o.variant(chosen(o.train(), DataOptions.defaults()), quick);
        Path runs = o.runsOf(s);
        List<Sweeps.Entry> end = o.sweep(s, points);
        List<Path> written = new ArrayList<>();
        List<Sweeps.Entry> done = new ArrayList<>();
        for (Sweeps.Entry e : end.stream().filter(e -> points.test(e.point())).toList()) {
            if (e.state() == Sweeps.State.DONE) {
                written.addAll(Plots.write(e.dir(), folder.resolve(e.point().name())));
                done.add(e);
            } else {
                System.err.println(name + ": " + e.point().name() + " is " + e.state() + "; see " + e.dir());
            }
        }
        if (done.isEmpty()) {
            throw new IllegalStateException(name + ": no run finished; see " + runs.resolve(Sweeps.INDEX));
        }
        written.addAll(summary.write(done, folder));
        return written;
    }
}
