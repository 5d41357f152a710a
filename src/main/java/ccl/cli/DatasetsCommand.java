package ccl.cli;

import ccl.data.DataOptions;
import ccl.data.DatasetCatalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List each dataset, where it is, and how to get what is missing.")
final class DatasetsCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder (default: data/ in the project).")
    Path dataDir;

    @Override
    public Integer call() {
        System.out.print(DatasetCatalog.format(DatasetCatalog.rows(dataOptions(dataDir, null))));
        return 0;
    }

    static DataOptions dataOptions(Path dataDir, Path cifar10Archive) {
        return DataOptions.defaults()
                .withDataDir(dataDir != null ? dataDir : Home.dir().resolve("data"))
                .withCifar10Archive(cifar10Archive);
    }
}
