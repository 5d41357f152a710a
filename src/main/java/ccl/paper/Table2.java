package ccl.paper;

import ccl.analysis.Flops;
import ccl.config.Config;
import ccl.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The paper's Table 2: MFLOPs per sample of a training step at batch 32, counted from the models; no training. */
final class Table2 implements PaperItem {
    private static final List<String[]> ROWS = List.of(new String[] {"configs/mlp/mnist_bp.yaml", "2.39"},
            new String[] {"configs/mlp/mnist_ccl.yaml", "2.55"}, new String[] {"configs/mlp/cifar10_bp.yaml", "25.23"},
            new String[] {"configs/mlp/cifar10_ccl.yaml", "27.89"});

    @Override
    public String name() { return "table2"; }

    @Override
    public String what() { return "Table 2: MFLOPs per sample of one training step, batch 32, BP and CCL on the MNIST and CIFAR-10 MLPs"; }

    @Override
    public String cost() { return "seconds; no training"; }

    @Override
    public List<Path> make(Options o) {
        StringBuilder md = new StringBuilder("# " + what() + "\n\nMatrix products only, 2 FLOPs per multiply-add "
                + "(`ccl flops`).\n\n| config | method | dataset | ours | paper |\n| --- | --- | --- | --- | --- |\n");
        for (String[] row : ROWS) {
            Config c = Config.load(Path.of(row[0]));
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %.4f | %s |%n", row[0], c.getString("method"),
                    c.getString("dataset"), Flops.count(c, 32).total() / 1e6, row[1]));
        }
        Path file = o.out().resolve(name()).resolve("table2.md");
        AtomicFiles.writeString(file, md.toString());
        return List.of(file);
    }
}
