package ccl.config;

import static ccl.config.Bound.ANY;
import static ccl.config.Bound.NON_NEGATIVE;
import static ccl.config.Bound.POSITIVE;
import static ccl.config.Section.DATASET;
import static ccl.config.Section.METHOD;
import static ccl.config.Section.TRAINING;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of the reference's YAML files (yaml/mlp, yaml/cnn, yaml/cnn_ae in IandRover/CCL-NeurIPS24),
 * in the order those files write them.
 *
 * <p>Defaults are the argparse defaults of the reference's main_class_mlp.py; keys that script does not
 * define take those of main_class_cnn.py / main_class_convae.py, and mode, optimizer and eta_min take
 * the value every reference YAML gives. Keys with no such default must be given.
 */
public final class ConfigSchema {

    /** Marks a key without a default in the table below. */
    private static final Object NO_DEFAULT = null;

    private static final String[] ACTIVATIONS = {"tanh", "elu", "relu", "leaky_relu", "selu"};

    private static final List<Key> KEYS = List.of(
            choice(METHOD, "method", NO_DEFAULT, "learning rule: CCL, BP, or a baseline (FA, DFA, DRTP, uSF, brSF, frSF; "
                    + "target propagation: DTP, DTP-BN, FWDTP, FWDTP-BN, DRL, L-DRL)",
                    "CCL", "BP", "FA", "DFA", "DRTP", "uSF", "brSF", "frSF", "DTP", "DTP-BN", "FWDTP", "FWDTP-BN", "DRL",
                    "L-DRL"),
            choice(METHOD, "architecture", NO_DEFAULT, "network: MLP, strided or pooled CNN, or conv autoencoder",
                    "simple_linear", "cnn", "cnn_pool", "cnn_stride_autoencoder", "cnn_pool_autoencoder"),
            choice(METHOD, "task", NO_DEFAULT, "what the network learns",
                    "classification", "autoencoder"),
            choice(METHOD, "task_transform", "same",
                    "autoencoder input/target transform (classification files say none)",
                    "none", "same", "DropColor", "RandCrop", "rot90", "rot180",
                    "shiftv5", "shiftv10", "shifth5", "shifth10", "bright"),
            choice(METHOD, "act_F", "elu", "activation of the forward network", ACTIVATIONS),
            choice(METHOD, "act_B", "elu", "activation of the backward network", ACTIVATIONS),
            intChoice(METHOD, "fw_bn", 0, "forward batch norm: 0 none, 1 before the layer, 2 after it, 3 the FW-DTP "
                    + "code's (MLP only: after the activation, batch statistics always, no affine)", 0, 1, 2, 3),
            intChoice(METHOD, "bw_bn", 0, "backward batch norm: 0 none, 1 before the layer, 2 after it, 3 the FW-DTP "
                    + "code's (as fw_bn)", 0, 1, 2, 3),
            intChoice(METHOD, "output_bn", NO_DEFAULT, "1: the FW-DTP code's batch norm of the network's output as "
                    + "well (its --forward_last_activation linear-BN); MLP only", 0, 1).asOptional(),
            choice(METHOD, "bias_init", NO_DEFAULT, "zero: biases start at 0; none: the layer's own init",
                    "zero", "none"),
            intChoice(METHOD, "bn_affine", NO_DEFAULT, "1: batch norm learns a scale and shift", 0, 1),
            integer(METHOD, "hidden_layers", POSITIVE, NO_DEFAULT, "MLP only: this many hidden layers instead of the "
                    + "reference's for the dataset (the FW-DTP code's --depth minus 1)").asOptional(),
            integer(METHOD, "hidden_width", POSITIVE, NO_DEFAULT, "MLP only: this width for every hidden layer instead "
                    + "of the reference's for the dataset (the FW-DTP code's --hid_dim)").asOptional(),
            choice(METHOD, "init_F", NO_DEFAULT, "forward weights: default (PyTorch's) or orthogonal (gain 1, as the "
                    + "FW-DTP code)", "default", "orthogonal").asOptional(),
            real(METHOD, "init_B_range", NON_NEGATIVE, NO_DEFAULT, "r > 0: backward weights start U(-r, r) (the FW-DTP "
                    + "code: 1e-2 trained, 1e-3 fixed); absent or 0: PyTorch's default").asOptional(),

            choice(DATASET, "dataset", NO_DEFAULT, "data set; the _CNN/_cls variants are resized to 32x32",
                    "MNIST", "FashionMNIST", "CIFAR10", "CIFAR100", "STL10",
                    "MNIST_CNN", "FashionMNIST_CNN", "STL10_cls"),
            integer(DATASET, "batchsize", POSITIVE, 256, "training batch size"),
            integer(DATASET, "num_chn", POSITIVE, NO_DEFAULT,
                    "image channels: 1 for (Fashion)MNIST, else 3; checked against the dataset"),
            integer(DATASET, "num_classes", POSITIVE, NO_DEFAULT,
                    "number of classes (only the MLP BP/DRTP files give it); checked against the dataset").asOptional(),

            choice(TRAINING, "mode", "train", "run mode: train (the reference's shortened 'test' mode is not "
                    + "implemented; use --epochs or --max-steps)", "train"),
            integer(TRAINING, "epochs", POSITIVE, 100, "training epochs"),
            real(TRAINING, "lr_F", NON_NEGATIVE, 1.0, "learning rate of the forward network"),
            real(TRAINING, "lr_B", NON_NEGATIVE, 1.0, "learning rate of the backward network"),
            real(TRAINING, "mmt_F", NON_NEGATIVE, 0.9, "SGD momentum of the forward network"),
            real(TRAINING, "mmt_B", NON_NEGATIVE, 0.9, "SGD momentum of the backward network"),
            real(TRAINING, "wd_F", NON_NEGATIVE, 0.0, "weight decay of the forward network"),
            real(TRAINING, "wd_B", NON_NEGATIVE, 0.0, "weight decay of the backward network"),
            integer(TRAINING, "warmup", NON_NEGATIVE, 200, "steps over which the loss is ramped up; 0 for none"),
            integer(TRAINING, "tmax", NON_NEGATIVE, NO_DEFAULT, "cosine annealing period in epochs; 0 for none"),
            real(TRAINING, "eta_min", NON_NEGATIVE, 0.001, "cosine annealing minimum learning rate"),
            choice(TRAINING, "optimizer", "SGD", "optimizer of both networks: SGD (mmt_*, wd_*) or Adam "
                    + "(torch.optim.Adam: beta1_*, beta2_*, eps_*, wd_*)", "SGD", "Adam"),
            real(TRAINING, "beta1_F", NON_NEGATIVE, NO_DEFAULT, "Adam's beta1, forward network (default 0.9)").asOptional(),
            real(TRAINING, "beta2_F", NON_NEGATIVE, NO_DEFAULT, "Adam's beta2, forward network (default 0.999)").asOptional(),
            real(TRAINING, "eps_F", POSITIVE, NO_DEFAULT, "Adam's epsilon, forward network (default 1e-8)").asOptional(),
            real(TRAINING, "beta1_B", NON_NEGATIVE, NO_DEFAULT, "Adam's beta1, backward network (default 0.9)").asOptional(),
            real(TRAINING, "beta2_B", NON_NEGATIVE, NO_DEFAULT, "Adam's beta2, backward network (default 0.999)").asOptional(),
            real(TRAINING, "eps_B", POSITIVE, NO_DEFAULT, "Adam's epsilon, backward network (default 1e-8)").asOptional(),
            intChoice(TRAINING, "GradC", NO_DEFAULT, "1: gradient centralization of weight gradients", 0, 1),
            real(TRAINING, "loss_scale_C", NON_NEGATIVE, 0.5, "weight of the forward/backward alignment loss"),
            real(TRAINING, "loss_scale_D", NON_NEGATIVE, 1.0,
                    "weight of the normalized alignment loss (legacy conv autoencoder)"),
            real(TRAINING, "loss_scale_ssl", NON_NEGATIVE, 0.5,
                    "weight of the within-batch decorrelation losses (CNN)"),
            real(TRAINING, "grad_clip_F", NON_NEGATIVE, 1.0, "gradient norm clip, forward network; 0 for none"),
            real(TRAINING, "grad_clip_B", NON_NEGATIVE, 1.0, "gradient norm clip, backward network; 0 for none"),
            real(TRAINING, "filter_target", NON_NEGATIVE, 0.0,
                    "non-zero: leave samples already predicted within 0.1 out of the alignment loss"),
            real(TRAINING, "stepsize", POSITIVE, NO_DEFAULT, "target propagation: the output target's step along the "
                    + "cross-entropy gradient, beta (default 0.01)").asOptional(),
            real(TRAINING, "std_backward", NON_NEGATIVE, NO_DEFAULT, "target propagation: std of the noise of the "
                    + "feedback losses, sigma (default 0.01)").asOptional(),
            integer(TRAINING, "epochs_backward", NON_NEGATIVE, NO_DEFAULT, "target propagation with trained feedback: "
                    + "feedback iterations per batch and feedback pre-training epochs (default 5)").asOptional(),
            choice(TRAINING, "drl_target", NO_DEFAULT, "DRL: what the reconstruction is compared with: noisy (the "
                    + "corrupted input, Meulemans et al. 2020; default) or clean (the FW-DTP code)", "noisy", "clean")
                    .asOptional(),
            integer(TRAINING, "seed", ANY, 42, "random seed"));

    /** The methods of the target-propagation family, which alone read {@link #TP_KEYS}. */
    public static final List<String> TP_METHODS = List.of("DTP", "DTP-BN", "FWDTP", "FWDTP-BN", "DRL", "L-DRL");

    private static final List<String> TP_KEYS = List.of("stepsize", "std_backward", "epochs_backward", "drl_target");

    private static final Map<String, Key> BY_NAME = index();

    private ConfigSchema() {
    }

    /** All keys, grouped by section in section order. */
    public static List<Key> keys() {
        return KEYS;
    }

    /** The keys of one section, in schema order. */
    public static List<Key> keys(Section section) {
        return KEYS.stream().filter(k -> k.section() == section).toList();
    }

    public static boolean isKey(String name) {
        return BY_NAME.containsKey(name);
    }

    public static Optional<Key> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The key with this name, or an error listing the valid keys and the closest one. */
    static Key require(String name, String origin) {
        Key key = BY_NAME.get(name);
        if (key == null) {
            throw new ConfigException(origin + ": unknown key '" + name + "'; valid keys: "
                    + String.join(", ", BY_NAME.keySet()) + Names.didYouMean(name, BY_NAME.keySet()));
        }
        return key;
    }

    /**
     * Keys that act only with a given value of another: each either acts or is refused. With
     * {@code optimizer: Adam} the SGD momenta are left unset (not filled with their default, not written);
     * Adam's keys with SGD, or a non-zero momentum with Adam, are errors. Target-propagation settings need
     * one of {@link #TP_METHODS}, and the MLP's widths an MLP.
     */
    static void checkCombinations(Map<String, Object> given, Map<String, Object> resolved, String origin) {
        Object method = resolved.get("method");
        for (String name : TP_KEYS) {
            if (given.containsKey(name) && !TP_METHODS.contains(method)) {
                throw new ConfigException(origin + ": key '" + name + "' is a target-propagation setting and has no "
                        + "effect with method: " + method + "; remove it or use one of " + TP_METHODS);
            }
        }
        for (String name : List.of("hidden_layers", "hidden_width", "output_bn")) {
            if (given.containsKey(name) && !"simple_linear".equals(resolved.get("architecture"))) {
                throw new ConfigException(origin + ": key '" + name + "' sets an MLP's widths and has no effect with "
                        + "architecture: " + resolved.get("architecture") + "; remove it or use simple_linear");
            }
        }
        for (String name : List.of("fw_bn", "bw_bn")) {
            if (Integer.valueOf(3).equals(resolved.get(name)) && !"simple_linear".equals(resolved.get("architecture"))) {
                throw new ConfigException(origin + ": " + name + ": 3 is the FW-DTP code's batch norm of MLP layers; "
                        + "architecture " + resolved.get("architecture") + " takes 0, 1 or 2");
            }
        }
        if (given.containsKey("drl_target") && !"DRL".equals(method)) {
            throw new ConfigException(origin + ": key 'drl_target' chooses DRL's reconstruction target and has no "
                    + "effect with method: " + method + "; remove it or set method: DRL");
        }
        boolean adam = "Adam".equals(resolved.get("optimizer"));
        for (String side : List.of("F", "B")) {
            for (String name : List.of("beta1_" + side, "beta2_" + side, "eps_" + side)) {
                if (!adam && given.containsKey(name)) {
                    throw new ConfigException(origin + ": key '" + name + "' is an Adam setting and has no effect with "
                            + "optimizer: " + resolved.get("optimizer") + "; remove it or set optimizer: Adam");
                }
                if (name.startsWith("beta") && given.containsKey(name) && ((Number) given.get(name)).doubleValue() >= 1) {
                    throw new ConfigException(origin + ": key '" + name + "' is " + given.get(name)
                            + "; Adam's betas must be below 1");
                }
            }
            String momentum = "mmt_" + side;
            if (adam && given.containsKey(momentum) && ((Number) given.get(momentum)).doubleValue() != 0) {
                throw new ConfigException(origin + ": key '" + momentum + "' is SGD's momentum and has no effect with "
                        + "optimizer: Adam (beta1_" + side + " is Adam's); remove it or set it to 0");
            }
            if (adam && !given.containsKey(momentum)) {
                resolved.remove(momentum);
            }
        }
    }

    private static Map<String, Key> index() {
        Map<String, Key> byName = new LinkedHashMap<>();
        for (Key key : KEYS) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalStateException("duplicate schema key " + key.name());
            }
        }
        return byName;
    }

    private static Key choice(Section s, String name, Object dflt, String doc, String... values) {
        return new Key(name, s, ValueType.STRING, List.of((Object[]) values), ANY, dflt, false, doc);
    }

    private static Key intChoice(Section s, String name, Object dflt, String doc, Integer... values) {
        return new Key(name, s, ValueType.INT, Arrays.asList((Object[]) values), ANY, dflt, false, doc);
    }

    private static Key integer(Section s, String name, Bound bound, Object dflt, String doc) {
        return new Key(name, s, ValueType.INT, List.of(), bound, dflt, false, doc);
    }

    private static Key real(Section s, String name, Bound bound, Object dflt, String doc) {
        return new Key(name, s, ValueType.DOUBLE, List.of(), bound, dflt, false, doc);
    }
}
