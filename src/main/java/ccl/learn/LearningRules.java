package ccl.learn;

import ccl.config.Config;
import ccl.nn.FeedbackWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The registry of learning rules by the config's {@code method} name (and {@code task}). */
public final class LearningRules {
    private static final Map<String, Function<Config, LearningRule>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("CCL", c -> c.isAutoencoder()
                ? new CclAutoencoder((float) c.getDouble("loss_scale_C"), (float) c.getDouble("loss_scale_D"))
                : new Ccl(localLoss(c), c.getDouble("filter_target") != 0));
        RULES.put("BP", c -> new Backprop(c.isAutoencoder()));
        RULES.put("FA", c -> new Backprop("FA", c.isAutoencoder(), FeedbackWeights.FEEDBACK_LAYER));
        RULES.put("uSF", c -> new Backprop("uSF", c.isAutoencoder(), SignSymmetry.uniform()));
        RULES.put("brSF", c -> new Backprop("brSF", c.isAutoencoder(), SignSymmetry.batchRandom()));
        RULES.put("frSF", c -> new Backprop("frSF", c.isAutoencoder(), SignSymmetry.fixedRandom()));
        RULES.put("DFA", c -> classification(c, new DirectFeedback(false)));
        RULES.put("DRTP", c -> classification(c, new DirectFeedback(true)));
        RULES.put("DTP", c -> targetPropagation(c, TargetPropagation.FeedbackLoss.DTP));
        RULES.put("DTP-BN", c -> targetPropagation(c, TargetPropagation.FeedbackLoss.DTP));
        RULES.put("FWDTP", c -> targetPropagation(c, TargetPropagation.FeedbackLoss.NONE));
        RULES.put("FWDTP-BN", c -> targetPropagation(c, TargetPropagation.FeedbackLoss.NONE));
        RULES.put("DRL", c -> targetPropagation(c, TargetPropagation.FeedbackLoss.DRL));
        RULES.put("L-DRL", c -> targetPropagation(c, TargetPropagation.FeedbackLoss.L_DRL));
    }

    /** DFA and DRTP project a class error or target: they have nothing to say about reconstructions. */
    private static LearningRule classification(Config c, LearningRule rule) {
        if (c.isAutoencoder()) {
            throw new IllegalArgumentException("method '" + rule.name() + "' learns from class labels; it does not "
                    + "apply to task 'autoencoder' (use CCL, BP, FA, uSF, brSF or frSF)");
        }
        return rule;
    }

    /** The FW-DTP code's defaults where the config leaves a setting out (code/Main.py's argparse). */
    private static LearningRule targetPropagation(Config c, TargetPropagation.FeedbackLoss feedback) {
        String method = c.getString("method");
        if (c.isAutoencoder() || !c.getString("architecture").equals("simple_linear")) {
            throw new IllegalArgumentException("method '" + method + "' is target propagation for MLP classifiers, as "
                    + "the FW-DTP code has it; use architecture: simple_linear and task: classification");
        }
        boolean bn = method.endsWith("-BN");
        if (bn && (c.getInt("fw_bn") != 3 || c.getInt("bw_bn") != 3)) {
            throw new IllegalArgumentException("method '" + method + "' standardizes every hidden layer as the FW-DTP "
                    + "code does: set fw_bn: 3 and bw_bn: 3 (they are " + c.getInt("fw_bn") + " and " + c.getInt("bw_bn")
                    + ")");
        }
        return new TargetPropagation(new TargetPropagation.Settings(method, feedback,
                (float) (c.has("stepsize") ? c.getDouble("stepsize") : 0.01),
                (float) (c.has("std_backward") ? c.getDouble("std_backward") : 0.01),
                c.has("epochs_backward") ? c.getInt("epochs_backward") : 5,
                c.has("drl_target") && c.getString("drl_target").equals("clean"), bn));
    }

    private LearningRules() {
    }

    public static LearningRule create(Config config) {
        String method = config.getString("method");
        Function<Config, LearningRule> factory = RULES.get(method);
        if (factory == null) {
            throw new IllegalArgumentException("method '" + method + "' is not implemented; available: "
                    + RULES.keySet());
        }
        return factory.apply(config);
    }

    /** The MLPs' CCL loss, or the CNNs' normalized one with decorrelation terms. */
    private static Ccl.LocalLoss localLoss(Config c) {
        float scaleC = (float) c.getDouble("loss_scale_C");
        return c.getString("architecture").equals("simple_linear") ? new Ccl.Aligned(scaleC)
                : new Ccl.Normalized(scaleC, (float) c.getDouble("loss_scale_ssl"));
    }

    public static boolean isImplemented(String method) {
        return RULES.containsKey(method);
    }
}
