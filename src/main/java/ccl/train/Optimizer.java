package ccl.train;

import ai.djl.ndarray.NDArray;
import ccl.nn.Param;
import java.util.List;
import java.util.Map;

/**
 * Updates a group of parameters from their gradients, with its state explicit (as Optax's gradient
 * transformations and torch.optim's {@code state_dict}): the state is by parameter name, so a
 * checkpoint written by one process is read by another. Its tensors live outside every step scope.
 */
public interface Optimizer {
    /** One update of every parameter of {@code params} from its gradient. Call inside an NDScope. */
    void step(List<Param> params);

    double lr();

    /** The schedule's learning rate for the coming epoch. */
    void setLr(double lr);

    /** Every state tensor, keyed by a name that starts or ends with the parameter's name. */
    Map<String, NDArray> state();

    /** Takes back the tensors of {@link #state} for the parameters of {@code params}; they move to this optimizer. */
    void load(Map<String, NDArray> saved, List<Param> params);
}
