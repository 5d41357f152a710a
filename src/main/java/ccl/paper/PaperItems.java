package ccl.paper;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of the paper's items, one line each, and those not made yet with what they wait for. */
public final class PaperItems {
    private static final Map<String, PaperItem> ITEMS = new LinkedHashMap<>();
    private static final Map<String, String> NOT_YET = new LinkedHashMap<>();
    // Items that share runs share the spec and the quick settings: the same points, the same folders.
    private static final String TABLE1_CCL_BP = "sweeps/table1_ccl_bp.yaml";
    private static final String TABLE3 = "sweeps/table3_cnn.yaml";
    private static final Map<String, String> MLP_QUICK = Map.of("epochs", "2");
    private static final Map<String, String> CNN_QUICK = Map.of("epochs", "1", "batches_per_epoch", "20");

    static {
        add(new SweepTable("table1", "Table 1: test accuracy of every method on the four MLPs",
                "about 60 h at 2 threads: CCL and BP 10 h, FA, DFA, DRTP and sign symmetry 20 h, target propagation "
                        + "31 h (one seed on CIFAR) (--quick: 1 seed, 2 epochs, about 2 h)",
                List.of(Path.of(TABLE1_CCL_BP), Path.of("sweeps/table1_baselines.yaml"),
                        Path.of("sweeps/table1_tp.yaml"), Path.of("sweeps/table1_tp_cifar.yaml")), MLP_QUICK,
                "method", "dataset", SweepTable.Layout.ONE_TABLE));
        add(new Table2());
        add(new SweepTable("table3", "Table 3: test accuracy of CCL (cnn_pool) and BP (cnn) on CIFAR-10 and CIFAR-100",
                "about 40 h at 2 threads (--quick: 1 seed, 1 epoch of 20 batches, about 10 min)",
                List.of(Path.of(TABLE3)), CNN_QUICK,
                "method", "dataset", SweepTable.Layout.ONE_TABLE));
        add(new RunFigure("fig6", "Fig 6: CKA between the forward and feedback networks of the MNIST CNN at steps 0-160, "
                + "5 seeds", "about 15 min at 2 threads (--quick: 1 seed, about 3 min)", Path.of("sweeps/fig6_mnist_cnn.yaml"),
                Map.of(), new Fig6Cka()));
        add(new SweepTable("fig7", "Fig 7: CCL test accuracy over lr_B × lr_F on the MNIST and CIFAR-10 MLPs",
                "about 12 h at 2 threads (--quick: 2 epochs, about 1 h)",
                List.of(Path.of("sweeps/fig7_mnist.yaml"), Path.of("sweeps/fig7_cifar10.yaml")), Map.of("epochs", "2"),
                "lr_B", "lr_F", SweepTable.Layout.HEATMAP_PER_SPEC));
        add(new RunFigure("fig3", "Fig 3: t-SNE of the MNIST MLP's forward and feedback features over 1000 CCL updates",
                "about 20 min at 2 threads (--quick: 200 samples, 100 steps, about 2 min)",
                Path.of("sweeps/fig3_mnist_mlp.yaml"), Map.of("probe_samples", "200", "max_steps", "100",
                        "probe_steps", "0,10,100"), new TsneCodes("fig3")));
        add(new RunFigure("fig8", "Fig 8: t-SNE of the CIFAR-10 CNN's features over 3000 CCL updates",
                "about 1.5 h at 2 threads (--quick: 200 samples, 100 steps, about 5 min)",
                Path.of("sweeps/fig8_cifar10_cnn.yaml"), Map.of("probe_samples", "200", "max_steps", "100",
                        "probe_steps", "0,10,100"), new TsneCodes("fig8")));
        add(new RunFigure("fig4", "Fig 4: first-layer kernels of the CIFAR-10 CNN, BP (cnn) against CCL (cnn_pool), "
                + "Table 3's seed-1 runs", "about 5 h at 2 threads, nothing once Table 3 has them (--quick: 1 epoch of 20 "
                + "batches, about 5 min)", Path.of(TABLE3),
                p -> "CIFAR10".equals(p.resolve().getString("dataset")) && "1".equals(p.keys().get("seed")),
                CNN_QUICK, new Fig4Kernels()));
        add(new RunFigure("fig5", "Fig 5: autoencoder reconstructions, ground truth, BP and CCL, on STL-10 (CIFAR-10's "
                + "images where STL-10 is not here)", "STL-10: about 10 h at 2 threads; CIFAR-10: about 1.5 h "
                + "(--quick: 1 epoch of 10 batches, about 20 min: validation and testing still cover their whole sets)",
                List.of(Path.of("sweeps/fig5_stl10_ae.yaml"), Path.of("sweeps/fig5_cifar10_ae.yaml")),
                Map.of("epochs", "1", "batches_per_epoch", "10"), new Fig5Reconstructions()));
        add(new RunFigure("fig9", "Fig 9: cosine of forward and transposed feedback weights per layer over the epochs of "
                + "the MNIST MLP (CCL), Table 1's seed-1 run", "about 10 min at 2 threads, nothing once Table 1 has it "
                + "(--quick: 2 epochs, about 1 min)",
                Path.of(TABLE1_CCL_BP), p -> p.config().endsWith("mnist_ccl.yaml") && "1".equals(p.keys().get("seed")),
                MLP_QUICK, new Fig9WeightCosine()));
    }

    private static void add(PaperItem item) {
        ITEMS.put(item.name(), item);
    }

    private PaperItems() {
    }

    /** In the paper's order: the tables, then the figures, each by number. */
    public static List<PaperItem> all() {
        return ITEMS.values().stream().sorted(java.util.Comparator.comparing((PaperItem i) -> !i.name().startsWith("table"))
                .thenComparingInt(i -> Integer.parseInt(i.name().replaceAll("\\D", "")))).toList();
    }

    public static Map<String, String> notYet() {
        return NOT_YET;
    }

    public static Optional<PaperItem> find(String name) {
        return Optional.ofNullable(ITEMS.get(name));
    }
}
