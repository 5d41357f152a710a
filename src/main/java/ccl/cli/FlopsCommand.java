package ccl.cli;

import ccl.analysis.Flops;
import ccl.config.Config;
import ccl.config.Overrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "flops", mixinStandardHelpOptions = true,
        description = {"FLOPs per sample of one training step of a config's model and rule, per map and in total,",
                "counted from the built model: matrix products only, 2 FLOPs per multiply-add (the paper's Table 2).",
                "Config keys can be overridden as for train. The last line is mflops_per_sample=<x>: for target",
                "propagation the count of the published FW-DTP code, which the paper profiled, after this implementation's."})
final class FlopsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML config (e.g. configs/mlp/mnist_ccl.yaml).")
    Path configFile;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Batch size the count assumes (default: ${DEFAULT-VALUE}, as Table 2).")
    int batch;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> optionNames = spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList();
        Config config = Config.load(configFile).withOverrides(Overrides.parse(overrides, optionNames));
        print(config, Flops.count(config, batch));
        return 0;
    }

    private static void print(Config config, Flops.Count count) {
        System.out.printf("%s %s on %s, batch %d: MFLOPs per sample (matrix products; multiply-add = 2 FLOPs)%n",
                config.getString("method"), config.getString("architecture"), config.getString("dataset"), count.batch());
        System.out.printf("%-22s %-8s %-8s %-16s %-16s %10s %10s %10s %10s%n", "MAP", "SIDE", "OP", "IN", "OUT",
                "FORWARD", "W_GRAD", "IN_GRAD", "TOTAL");
        for (Flops.Row r : count.rows()) {
            System.out.printf("%-22s %-8s %-8s %-16s %-16s %10.4f %10.4f %10.4f %10.4f%n", r.map().name(),
                    r.map().side().name().toLowerCase(java.util.Locale.ROOT), r.map().op(), r.map().input(),
                    r.map().output(), r.forward() / 1e6, r.weightGradient() / 1e6, r.inputGradient() / 1e6, r.total() / 1e6);
        }
        System.out.printf("%-22s %87.4f%n", "rule's own products", count.ruleProducts() / 1e6);
        System.out.printf("%-22s %87.4f%n", "total", count.total() / 1e6);
        if (!Double.isNaN(count.publishedCode())) {
            System.out.printf("%-22s %87.4f%n", "the published code", count.publishedCode() / 1e6);
            System.out.println("  (the FW-DTP code multiplies every layer's input by an explicit identity matrix first and");
            System.out.println("  detaches nothing: each layer's loss is backpropagated through every layer below it)");
        }
        System.out.printf("mflops_per_sample=%.4f%n", count.asPublished() / 1e6);
    }
}
