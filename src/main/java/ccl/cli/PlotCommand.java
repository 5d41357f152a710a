package ccl.cli;

import ccl.report.Plots;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a run's metrics as PNG charts: curves.png (loss, validation accuracy), "
                + "weight_angle.png and update_angle.png when the run logged those angles, cka.png from CKA probe "
                + "records, and kernels.png with kernels.json for a CNN's first-layer kernels.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "Run folder written by `ccl train` (holds metrics.jsonl).")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the PNG files (default: RUN_DIR).")
    Path out;

    @Override
    public Integer call() {
        // Charts are drawn off-screen; without this, AWT looks for a display on servers.
        System.setProperty("java.awt.headless", "true");
        for (Path written : Plots.write(runDir, out != null ? out : runDir)) {
            System.out.println(written);
        }
        return 0;
    }
}
