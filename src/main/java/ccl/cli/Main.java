package ccl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ccl}: train dual networks with counter-current learning or backprop, check parity, list datasets, plot. */
@Command(name = "ccl", mixinStandardHelpOptions = true, versionProvider = Provenance.Version.class,
        subcommands = {TrainCommand.class, ParityCommand.class, DatasetsCommand.class, KeysCommand.class,
                PlotCommand.class, CommandLine.HelpCommand.class},
        description = "Counter-current learning (Kao & Hariharan, NeurIPS 2024) on DJL/PyTorch.")
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; bad input ends as one clear "error:" line and exit status 2, never a stack trace. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + Errors.describe(e));
            if (System.getenv("CCL_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cli.execute(args);
    }
}
