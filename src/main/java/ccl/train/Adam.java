package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.nn.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.Adam} (amsgrad off) in PyTorch 1.13's order of operations: weight decay added to
 * the gradient, {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²}, then
 * {@code p −= lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)}. Meulemans' target-propagation configs train with it.
 * State per parameter: {@code exp_avg.<name>}, {@code exp_avg_sq.<name>}, {@code step.<name>}.
 */
public final class Adam implements Optimizer {
    /** β1, β2, ε as torch.optim.Adam takes them. */
    public record Settings(double beta1, double beta2, double eps, double weightDecay) {
    }

    private record Moments(NDArray mean, NDArray squares, NDArray step) {
    }

    private final NDManager stateManager;
    private final Settings settings;
    private final Map<Param, Moments> moments = new LinkedHashMap<>();
    private double lr;

    public Adam(NDManager stateManager, double lr, Settings settings) {
        this.stateManager = stateManager;
        this.lr = lr;
        this.settings = settings;
    }

    @Override
    public double lr() { return lr; }

    @Override
    public void setLr(double lr) { this.lr = lr; }

    @Override
    public void step(List<Param> params) {
        for (Param p : params) {
            NDArray g = settings.weightDecay() == 0 ? p.grad() : p.grad().add(p.value().mul(settings.weightDecay()));
            Moments s = moments.computeIfAbsent(p, k -> fresh(g));
            s.mean().muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
            s.squares().muli(settings.beta2()).addi(g.mul(g).mul(1 - settings.beta2()));
            s.step().addi(1);
            // The step count is a float64 scalar, as in torch, so the bias corrections are computed in double.
            double t = s.step().getDouble();
            double stepSize = lr / (1 - Math.pow(settings.beta1(), t));
            NDArray denom = s.squares().sqrt().div(Math.sqrt(1 - Math.pow(settings.beta2(), t))).add(settings.eps());
            p.value().addi(s.mean().mul(-stepSize).div(denom));
        }
    }

    private Moments fresh(NDArray g) {
        Moments s = new Moments(stateManager.zeros(g.getShape()), stateManager.zeros(g.getShape()),
                stateManager.create(0.0));
        NDScope.unregister(s.mean(), s.squares(), s.step());
        return s;
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        moments.forEach((p, s) -> {
            out.put("exp_avg." + p.name(), s.mean());
            out.put("exp_avg_sq." + p.name(), s.squares());
            out.put("step." + p.name(), s.step());
        });
        return out;
    }

    @Override
    public void load(Map<String, NDArray> saved, List<Param> params) {
        moments.values().forEach(s -> List.of(s.mean(), s.squares(), s.step()).forEach(NDArray::close));
        moments.clear();
        for (Param p : params) {
            NDArray mean = saved.get("exp_avg." + p.name());
            if (mean != null) {
                Moments s = new Moments(mean, saved.get("exp_avg_sq." + p.name()), saved.get("step." + p.name()));
                List.of(s.mean(), s.squares(), s.step()).forEach(a -> a.attach(stateManager));
                moments.put(p, s);
            }
        }
    }
}
