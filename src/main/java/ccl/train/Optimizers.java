package ccl.train;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.nn.Side;

/** Each network's optimizer from the config: {@code optimizer} and that network's {@code _F}/{@code _B} keys. */
final class Optimizers {
    private Optimizers() {
    }

    static Optimizer create(Config c, Side side, NDManager stateManager) {
        String s = side == Side.FORWARD ? "_F" : "_B";
        double lr = c.getDouble("lr" + s);
        double weightDecay = c.getDouble("wd" + s);
        return switch (c.getString("optimizer")) {
            case "Adam" -> new Adam(stateManager, lr, new Adam.Settings(orDefault(c, "beta1" + s, 0.9),
                    orDefault(c, "beta2" + s, 0.999), orDefault(c, "eps" + s, 1e-8), weightDecay));
            case "SGD" -> new Sgd(stateManager, lr, c.getDouble("mmt" + s), weightDecay);
            default -> throw new IllegalArgumentException(c.origin() + ": optimizer '" + c.getString("optimizer")
                    + "' is not implemented");
        };
    }

    /** torch.optim.Adam's defaults for the keys a config leaves out. */
    private static double orDefault(Config c, String key, double torchDefault) {
        return c.has(key) ? c.getDouble(key) : torchDefault;
    }
}
