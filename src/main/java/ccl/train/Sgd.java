package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.nn.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.SGD} (dampening 0, no Nesterov): weight decay is added to the gradient, the
 * momentum buffer starts as the first gradient, then {@code buf = momentum·buf + g}; {@code p -= lr·buf}.
 * Buffers are owned by {@code stateManager}, outside every step scope.
 */
public final class Sgd implements Optimizer {
    private final NDManager stateManager;
    private final double momentum;
    private final double weightDecay;
    private final Map<Param, NDArray> buffers = new LinkedHashMap<>(); // first-step order: checkpoints list them stably
    private double lr;

    public Sgd(NDManager stateManager, double lr, double momentum, double weightDecay) {
        this.stateManager = stateManager;
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    public double lr() { return lr; }

    @Override
    public void setLr(double lr) { this.lr = lr; }

    /** The momentum buffers by parameter name (for checkpoints); a parameter not yet stepped has none. */
    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        buffers.forEach((p, buf) -> out.put(p.name(), buf));
        return out;
    }

    /** Takes the buffers of {@link #state} back for the parameters of {@code params} they name; the buffers move to this optimizer. */
    @Override
    public void load(Map<String, NDArray> saved, List<Param> params) {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        for (Param p : params) {
            NDArray buf = saved.get(p.name());
            if (buf != null) {
                buf.attach(stateManager);
                buffers.put(p, buf);
            }
        }
    }

    @Override
    public void step(List<Param> params) {
        for (Param p : params) {
            NDArray g = p.grad();
            if (weightDecay != 0) {
                g = g.add(p.value().mul(weightDecay));
            }
            if (momentum != 0) {
                NDArray buf = buffers.get(p);
                if (buf == null) {
                    buf = stateManager.zeros(g.getShape());
                    NDScope.unregister(buf);
                    buffers.put(p, buf);
                    buf.addi(g);
                } else {
                    buf.muli(momentum).addi(g);
                }
                g = buf;
            }
            p.value().subi(g.mul(lr));
        }
    }
}
