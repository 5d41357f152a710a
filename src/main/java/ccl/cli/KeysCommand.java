package ccl.cli;

import ccl.config.ConfigSchema;
import ccl.config.Key;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "List every config key: section, type, valid values, default and meaning.")
final class KeysCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-9s %-15s %-7s %-10s %s%n", "SECTION", "KEY", "TYPE", "DEFAULT", "MEANING (VALID VALUES)");
        for (Key k : ConfigSchema.keys()) {
            System.out.printf("%-9s %-15s %-7s %-10s %s (%s)%n", k.section().yamlName(), k.name(),
                    k.type().name().toLowerCase(java.util.Locale.ROOT),
                    k.defaultValue() == null ? (k.optional() ? "-" : "required") : k.defaultValue(),
                    k.description(), k.validValues());
        }
        return 0;
    }
}
