package ccl.cli;

import ccl.report.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html into each run or sweep folder: one self-contained page with the summary,",
                "every figure of ccl plot, the config and the run record with its data provenance (a sweep: its",
                "table and the state of every point)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run folders or sweep folders.")
    List<Path> dirs;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        for (Path dir : dirs) {
            System.out.println(Report.write(dir));
        }
        return 0;
    }
}
