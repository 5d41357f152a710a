package ccl.train;

/**
 * {@code CosineAnnealingLR(T_max=tmax, eta_min)} stepped once per epoch, in closed form:
 * {@code eta_min + (base − eta_min)·(1 + cos(π·epoch/tmax))/2}. With {@code tmax} 0 the rate stays fixed.
 */
public record CosineSchedule(double base, int tmax, double etaMin) {
    public double lrAt(int epoch) {
        if (tmax == 0) {
            return base;
        }
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * epoch / tmax)) / 2;
    }
}
