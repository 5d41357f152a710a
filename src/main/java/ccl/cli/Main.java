package ccl.cli;

import picocli.CommandLine;
import ccl.run.Provenance;
import ai.djl.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code ccl}: train dual networks with counter-current learning or backprop, check parity, list datasets, plot. */
@Command(name = "ccl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {TrainCommand.class, BenchCommand.class, ParityCommand.class, DatasetsCommand.class, KeysCommand.class, FlopsCommand.class, SweepCommand.class, TableCommand.class, PaperCommand.class, ReportCommand.class,
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
            return e instanceof TrainCommand.TrainingFailedException ? 1 : 2;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("error: the Java heap is too small for this run (" + e.getMessage() + "); give it more "
                    + "with CCL_JAVA_OPTS, e.g. CCL_JAVA_OPTS='-XX:+UseSerialGC -Xmx16g'");
            return 2;
        }
    }

    /** {@code ccl --version}: the version, the commit the jar was built from, and DJL's version. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ccl " + Provenance.version() + " (commit " + Provenance.commit() + ", DJL "
                    + Engine.getDjlVersion() + ")"};
        }
    }
}
