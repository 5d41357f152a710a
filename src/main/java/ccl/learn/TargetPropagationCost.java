package ccl.learn;

/**
 * FLOPs per sample of one target-propagation step (matrix products, 2 per multiply-add), as this
 * implementation runs it and as the published FW-DTP code runs it. The code computes more: every layer
 * starts with an "identity" map that multiplies by an explicit d×d identity matrix (2d² FLOPs), and
 * nothing is detached, so each layer's forward loss is backpropagated through every layer below it, and
 * the output target comes from a full backward pass. Those counts are what the paper's Table 2 profiled
 * (it adds element-wise work): FW-DTP(-BN) 18.04, DTP 48.63, L-DRL 82.29, DRL 125.65 MFLOPs on MNIST
 * against its 18.06, 48.69, 82.45, 125.73. {@code d} holds the width at each depth, the input first.
 */
final class TargetPropagationCost {
    private final long[] d;
    private final int layers;

    TargetPropagationCost(long[] depthSizes) {
        this.d = depthSizes;
        this.layers = depthSizes.length - 1;
    }

    /** Layer l's weighted map, either way (W_l or Q_l): 2·d_l·d_{l+1}. */
    private double map(int l) {
        return 2.0 * d[l] * d[l + 1];
    }

    /** The code's forward through layer l: its identity map, then W_l. */
    private double codeForward(int l) {
        return 2.0 * d[l] * d[l] + map(l);
    }

    private double codeForwardAll() {
        double sum = 0;
        for (int l = 0; l < layers; l++) {
            sum += codeForward(l);
        }
        return sum;
    }

    /** The code's backward pass from layer {@code top}'s output to the input: every W's gradient, every input's but the data's. */
    private double codeBackward(int top) {
        double sum = 0;
        for (int l = 0; l <= top; l++) {
            sum += map(l) + (l > 0 ? codeForward(l) : 0);
        }
        return sum;
    }

    /** What this implementation computes beyond the forward network's forward pass and weight gradients. */
    double ours(TargetPropagation.FeedbackLoss loss, int iterations) {
        double targets = 0;
        for (int l = 1; l < layers; l++) {
            targets += 2 * map(l); // g_l(t_l) and the correction's g_l(h_l)
        }
        if (loss == TargetPropagation.FeedbackLoss.NONE) {
            return targets;
        }
        double forward = 0;
        for (int l = 0; l < layers; l++) {
            forward += map(l); // one forward pass serves every iteration: the forward weights wait
        }
        double iteration = 0;
        for (int l = 1; l < layers; l++) {
            iteration += switch (loss) {
                case DTP -> map(l) + 2 * map(l); // f_l(x̃), g_l, Q_l's gradient
                case DRL -> {
                    double chain = 3 * map(l); // g_l, its correction, Q_l's gradient
                    for (int k = l; k < layers; k++) {
                        chain += map(k) + (k > l ? 2 * map(k) : 0); // up through f_k; down through g_k and its correction
                    }
                    yield chain;
                }
                case L_DRL -> map(l) + 5 * map(l); // f_l, one correction, two reconstructions, two gradient terms of Q_l
                case NONE -> 0;
            };
        }
        return targets + (iterations > 0 ? forward : 0) + iterations * iteration;
    }

    /** One step of the published code (code/models/tp_net.py: train_back_weights, compute_target, update_weights). */
    double publishedCode(TargetPropagation.FeedbackLoss loss, int iterations) {
        double step = codeForwardAll() + codeBackward(layers - 1); // compute_target: the loss gradient at the output
        for (int l = 1; l < layers; l++) {
            step += 2 * map(l) + codeForward(l); // g(t), and the difference function's f_l and g_l
        }
        step += codeForwardAll(); // update_weights
        for (int l = 0; l < layers; l++) {
            step += codeBackward(l);
        }
        if (loss == TargetPropagation.FeedbackLoss.NONE) {
            return step;
        }
        double iteration = codeForwardAll();
        for (int l = 1; l < layers; l++) {
            iteration += switch (loss) {
                // f_l, g_l; backward: Q_l, g_l's input, W_l
                case DTP -> codeForward(l) + 3 * map(l) + map(l);
                case DRL -> {
                    double chain = 0;
                    for (int k = l; k < layers; k++) {
                        // up twice (noisy, clean); down g_k and the difference function (f_k, g_k); backward
                        // through g_k (Q_k and input) and f_k (W_k, and the input above layer l)
                        chain += 2 * codeForward(k) + 2 * map(k) + codeForward(k) + 2 * map(k) + map(k)
                                + (k > l ? codeForward(k) : 0);
                    }
                    yield chain;
                }
                // f_l twice, g_l twice, two difference functions (f_l, g_l); backward through both g_l (Q_l and
                // input) and f_l (W_l)
                case L_DRL -> 4 * codeForward(l) + 4 * map(l) + 4 * map(l) + 2 * map(l);
                case NONE -> 0;
            };
        }
        return step + iterations * iteration;
    }
}
