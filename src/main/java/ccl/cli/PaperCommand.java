package ccl.cli;

import ccl.paper.PaperItem;
import ccl.paper.PaperItems;
import ccl.sweep.Sweeps;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "paper", mixinStandardHelpOptions = true,
        description = {"Make the paper's tables and figures: 'ccl paper list' names them with what each runs and",
                "how long it takes here; 'ccl paper ITEM...' runs what is missing (resumable: the same command",
                "continues) and writes the item with the paper's numbers beside ours."})
final class PaperCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ITEM", arity = "1..*", description = "list, or items such as table2 fig7.")
    List<String> items;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/paper", description = "Where the items' tables and figures go, "
            + "DIR/<item> (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--runs", paramLabel = "DIR", description = "Where the runs go, DIR/<spec name> (default: each spec's "
            + "own out folder, where 'ccl sweep SPEC' puts them, so the two share runs; on a cluster, a folder all "
            + "executors share). A quick variant's runs go beside, with -quick.")
    Path runs;

    @Option(names = "--quick", description = "A variant that runs in minutes: one seed and a short schedule.")
    boolean quick;

    @Option(names = "--no-train", description = "Write the items from the runs there so far and train nothing "
            + "(a table has the cells that have a run; one not finished says so).")
    boolean noTrain;

    @Option(names = "--seeds", paramLabel = "N", description = "Run only the first N seeds of each item's grid.")
    Integer seeds;

    @Mixin
    ExecutorOptions executorOptions = new ExecutorOptions();

    @Override
    public Integer call() {
        if (items.equals(List.of("list"))) {
            for (PaperItem item : PaperItems.all()) {
                System.out.printf("%-7s %s%n        takes %s%n", item.name(), item.what(), item.cost());
            }
            PaperItems.notYet().forEach((name, why) -> System.out.printf("%-7s not yet: %s%n", name, why));
            return 0;
        }
        for (String name : items) {
            if (PaperItems.find(name).isEmpty()) {
                throw new IllegalArgumentException("'" + name + "' is not an item of the paper ccl can make"
                        + (PaperItems.notYet().containsKey(name) ? " yet: " + PaperItems.notYet().get(name)
                        : "; 'ccl paper list' names them"));
            }
        }
        try (Sweeps.Executor executor = executorOptions.open()) {
            PaperItem.Options options = new PaperItem.Options(out, runs, quick, seeds, !noTrain, executor);
            for (String name : items) {
                for (Path written : PaperItems.find(name).orElseThrow().make(options)) {
                    System.out.println(written);
                }
            }
        }
        return 0;
    }
}
