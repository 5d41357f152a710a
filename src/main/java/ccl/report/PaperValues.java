package ccl.report;

import java.util.Map;
import java.util.Optional;

/**
 * The paper's test results (mean ± std over 5 seeds), as ../shared/specs lists them: Table 1 (the MLPs,
 * test accuracy %), Table 3 (the CNNs, test accuracy %) and the autoencoder's test MSE.
 */
public final class PaperValues {
    private static final Map<String, String> MLP = Map.ofEntries(
            Map.entry("BP/MNIST", "98.19±0.10"), Map.entry("BP/FashionMNIST", "89.58±0.25"),
            Map.entry("BP/CIFAR10", "50.03±0.31"), Map.entry("BP/CIFAR100", "22.55±0.19"),
            Map.entry("FA/MNIST", "96.96±0.05"), Map.entry("FA/FashionMNIST", "87.38±0.12"),
            Map.entry("FA/CIFAR10", "45.76±0.38"), Map.entry("FA/CIFAR100", "22.13±0.41"),
            Map.entry("DFA/MNIST", "97.27±0.06"), Map.entry("DFA/FashionMNIST", "87.35±0.99"),
            Map.entry("DFA/CIFAR10", "42.86±1.94"), Map.entry("DFA/CIFAR100", "19.87±1.50"),
            Map.entry("DRL/MNIST", "93.05±0.24"), Map.entry("DRL/FashionMNIST", "83.40±0.18"),
            Map.entry("DRL/CIFAR10", "42.09±0.27"), Map.entry("DRL/CIFAR100", "19.94±0.28"),
            Map.entry("L-DRL/MNIST", "93.29±0.21"), Map.entry("L-DRL/FashionMNIST", "83.60±0.20"),
            Map.entry("L-DRL/CIFAR10", "42.19±0.30"), Map.entry("L-DRL/CIFAR100", "19.96±0.27"),
            Map.entry("FWDTP/MNIST", "97.20±0.16"), Map.entry("FWDTP/FashionMNIST", "87.78±0.47"),
            Map.entry("FWDTP/CIFAR10", "45.91±0.60"), Map.entry("FWDTP/CIFAR100", "21.09±0.31"),
            Map.entry("DRTP/MNIST", "92.16±0.18"), Map.entry("DRTP/FashionMNIST", "82.03±0.56"),
            Map.entry("DRTP/CIFAR10", "33.85±0.43"), Map.entry("DRTP/CIFAR100", "15.53±0.33"),
            Map.entry("CCL/MNIST", "98.13±0.10"), Map.entry("CCL/FashionMNIST", "88.58±0.29"),
            Map.entry("CCL/CIFAR10", "52.73±0.59"), Map.entry("CCL/CIFAR100", "21.76±0.22"));
    private static final Map<String, String> CNN = Map.of(
            "BP/CIFAR10", "87.12±1.76", "CCL/CIFAR10", "82.94±0.53",
            "BP/CIFAR100", "51.92±0.48", "CCL/CIFAR100", "56.29±0.25");
    private static final Map<String, String> AUTOENCODER = Map.of("BP/STL10", "0.0059±0.0001", "CCL/STL10", "0.0086±0.0001");

    /** Fig 7: CCL MLP test accuracy by lr_B (rows, in this order) and lr_F (columns, in FIG7_LR_F's order). */
    private static final double[] FIG7_LR_F = {0.05, 0.1, 0.2, 0.4, 0.8};
    private static final double[] FIG7_LR_B = {0, 0.05, 0.1, 0.2, 0.4, 0.8};
    private static final Map<String, double[][]> FIG7 = Map.of(
            "MNIST", new double[][] {{95.09, 96.41, 97.19, 96.89, 96.39}, {95.70, 96.74, 97.44, 97.60, 97.45},
                    {95.78, 96.71, 97.52, 97.74, 97.81}, {95.74, 96.73, 97.44, 97.75, 97.93},
                    {95.81, 96.76, 97.47, 97.91, 98.15}, {95.77, 96.81, 97.47, 97.87, 98.07}},
            "CIFAR10", new double[][] {{42.37, 41.22, 36.93, 24.02, 23.06}, {44.06, 47.04, 49.33, 49.97, 41.39},
                    {44.11, 47.02, 49.57, 50.91, 46.01}, {44.14, 46.91, 49.53, 51.53, 49.42},
                    {44.08, 46.97, 49.65, 51.82, 52.61}, {44.11, 46.99, 49.56, 51.26, 51.82}});

    private PaperValues() {
    }

    /** Fig 7's value for CCL on the MNIST or CIFAR-10 MLP at these learning rates, if the figure has one. */
    static Optional<String> fig7(String dataset, double lrF, double lrB) {
        double[][] grid = FIG7.get(dataset);
        int i = indexOf(FIG7_LR_B, lrB);
        int j = indexOf(FIG7_LR_F, lrF);
        return grid == null || i < 0 || j < 0 ? Optional.empty() : Optional.of(String.format(java.util.Locale.ROOT, "%.2f", grid[i][j]));
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i] - v) < 1e-9) {
                return i;
            }
        }
        return -1;
    }

    /** The paper's value for runs of this method, dataset and architecture, if it reports one. */
    public static Optional<String> of(String method, String dataset, String architecture) {
        String key = method + "/" + dataset;
        Map<String, String> table = architecture.equals("simple_linear") ? MLP
                : architecture.endsWith("_autoencoder") ? AUTOENCODER : CNN;
        return Optional.ofNullable(table.get(key));
    }
}
