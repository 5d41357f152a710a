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
            new String[] {"configs/tp/mnist_dtp.yaml", "48.69"}, new String[] {"configs/tp/mnist_drl.yaml", "125.73"},
            new String[] {"configs/tp/mnist_ldrl.yaml", "82.45"}, new String[] {"configs/tp/mnist_fwdtp_bn.yaml", "18.06"},
            new String[] {"configs/mlp/mnist_ccl.yaml", "2.55"}, new String[] {"configs/mlp/cifar10_bp.yaml", "25.23"},
            new String[] {"configs/tp/cifar10_dtp.yaml", "485.59"}, new String[] {"configs/tp/cifar10_drl.yaml", "833.81"},
            new String[] {"configs/tp/cifar10_ldrl.yaml", "770.36"},
            new String[] {"configs/tp/cifar10_fwdtp_bn.yaml", "170.08"},
            new String[] {"configs/mlp/cifar10_ccl.yaml", "27.89"});

    @Override
    public String name() { return "table2"; }

    @Override
    public String what() {
        return "Table 2: MFLOPs per sample of one training step, batch 32, BP, target propagation and CCL on the MNIST "
                + "and CIFAR-10 MLPs";
    }

    @Override
    public String cost() { return "seconds; no training"; }

    @Override
    public List<Path> make(Options o) {
        StringBuilder md = new StringBuilder("# " + what() + "\n\nMatrix products only, 2 FLOPs per multiply-add "
                + "(`ccl flops`). The paper profiled the published code; for target propagation that is the FW-DTP "
                + "code, which multiplies every layer's input by an explicit identity matrix and detaches nothing, so "
                + "it computes more than this implementation does.\n\n"
                + "| config | method | dataset | this implementation | the published code | paper |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (String[] row : ROWS) {
            Config c = Config.load(Path.of(row[0]));
            Flops.Count count = Flops.count(c, 32);
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %.4f | %.4f | %s |%n", row[0], c.getString("method"),
                    c.getString("dataset"), count.total() / 1e6, count.asPublished() / 1e6, row[1]));
        }
        Path file = o.out().resolve(name()).resolve("table2.md");
        AtomicFiles.writeString(file, md.toString());
        return List.of(file);
    }
}
