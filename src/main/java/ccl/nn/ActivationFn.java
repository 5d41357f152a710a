package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The activations the reference accepts for {@code act_F}/{@code act_B}, with PyTorch's default constants. */
public enum ActivationFn {
    TANH(Activation::tanh),
    ELU(x -> Activation.elu(x, 1.0f)),
    RELU(Activation::relu),
    LEAKY_RELU(x -> Activation.leakyRelu(x, 0.01f)),
    SELU(Activation::selu);

    private final UnaryOperator<NDArray> fn;

    ActivationFn(UnaryOperator<NDArray> fn) { this.fn = fn; }

    public NDArray apply(NDArray x) { return fn.apply(x); }

    /** The config spelling: tanh, elu, relu, leaky_relu, selu. */
    public String configName() { return name().toLowerCase(Locale.ROOT); }

    public static ActivationFn fromName(String name) {
        for (ActivationFn a : values()) {
            if (a.configName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; valid: "
                + Arrays.stream(values()).map(ActivationFn::configName).toList());
    }
}
