package ccl.paper;

import ccl.report.Plots;
import ccl.sweep.SweepSpec;
import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An item that is a probed run and its figures (Fig 3, Fig 8: the t-SNE probe): the sweep of its spec,
 * then {@code ccl plot} of every finished run into the item's folder. The quick variant probes fewer
 * samples over fewer steps.
 */
record ProbeFigure(String name, String what, String cost, Path spec, Map<String, String> quick) implements PaperItem {
    @Override
    public List<Path> make(Options o) {
        Path folder = o.out().resolve(name + (o.quick() ? "-quick" : ""));
        SweepSpec s = SweepSpec.load(spec);
        if (o.quick()) {
            s = s.withEveryPoint(quick);
        }
        List<Sweeps.Entry> end = Sweeps.run(s, folder.resolve("runs"), o.executor(), System.out::println);
        List<Path> written = new ArrayList<>();
        for (Sweeps.Entry e : end) {
            if (e.state() == Sweeps.State.DONE) {
                written.addAll(Plots.write(e.dir(), folder.resolve(e.point().name())));
            } else {
                System.err.println(name + ": " + e.point().name() + " is " + e.state() + "; see " + e.dir());
            }
        }
        return written;
    }
}
