package ccl.parity;

import java.util.List;

/**
 * The outcome of one parity case: the largest relative loss deviation, the largest weight-update
 * deviation as a fraction of its bound (1 % of the tensor's largest reference update plus 1e-6; a case
 * passes at up to 100 %), the largest BatchNorm-statistic and eval-logit deviations (absolute), and
 * per-step detail lines.
 */
public record ParityResult(String name, Status status, double lossDev, double updateDev, double bufferDev,
                           double logitDev, List<String> detail) {
    public enum Status { PASS, FAIL, UNSUPPORTED }

    static ParityResult unsupported(String name, String why) {
        return new ParityResult(name, Status.UNSUPPORTED, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of("  " + why));
    }

    public String summaryLine() {
        if (status == Status.UNSUPPORTED) {
            return String.format("%-28s UNSUPPORTED%n%s", name, String.join(System.lineSeparator(), detail));
        }
        return String.format("%-28s %s  loss rel.dev %.2e  update dev %.2f%% of bound  BN stats %.2e  eval logits %.2e",
                name, status, lossDev, updateDev * 100, bufferDev, logitDev);
    }
}
