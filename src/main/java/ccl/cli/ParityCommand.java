package ccl.cli;

import ai.djl.ndarray.NDManager;
import ccl.parity.ParityResult;
import ccl.parity.ParityRunner;
import ccl.run.Runs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Replay parity cases recorded from the reference and compare losses, weights and eval logits.",
                "Exit status 0 when every case passes, 1 on any FAIL, 2 when a folder is not a case or a case is",
                "damaged (the other cases still run), 3 when a case needs a model not implemented yet."})
final class ParityCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CASE_DIR", arity = "1..*", description = "Case folders (format: shared/parity/README.md).")
    List<Path> cases;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        engine.apply(null);
        int status = 0;
        try (NDManager manager = NDManager.newBaseManager(Runs.device(engine.device()))) {
            for (Path dir : cases) {
                if (!java.nio.file.Files.isRegularFile(dir.resolve("case.json"))) {
                    // e.g. the README.md a shell glob over a cases folder brings along: say so, check the rest
                    System.err.println("error: " + dir + " is not a parity case: it has no case.json");
                    status = Math.max(status, 2);
                    continue;
                }
                ParityResult r;
                try {
                    r = ParityRunner.run(dir, manager);
                } catch (RuntimeException e) {
                    // A damaged case (a truncated .npy, say) is reported and the remaining cases still run.
                    System.err.println("error: parity case " + dir + ": " + Errors.describe(e));
                    status = Math.max(status, 2);
                    continue;
                }
                System.out.println(r.summaryLine());
                if (r.status() == ParityResult.Status.FAIL) {
                    r.detail().forEach(System.out::println);
                    status = status == 0 ? 1 : status;
                } else if (r.status() == ParityResult.Status.UNSUPPORTED && status == 0) {
                    status = 3;
                }
            }
        }
        return status;
    }
}
