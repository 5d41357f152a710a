package ccl.testing;

import ai.djl.ndarray.NDArray;

/** Plain matrix arithmetic in double precision (rows × columns), for updates worked out by hand in tests. */
public final class Matrices {
    private Matrices() {
    }

    public static double[][] matrix(NDArray a) {
        long rows = a.getShape().get(0);
        int cols = (int) (a.size() / rows);
        float[] v = a.toFloatArray();
        double[][] out = new double[(int) rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = v[i * cols + j];
            }
        }
        return out;
    }

    public static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    public static double[][] t(double[][] a) {
        double[][] c = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[j][i] = a[i][j];
            }
        }
        return c;
    }

    private static double[][] map(double[][] a, double[][] b, java.util.function.DoubleBinaryOperator f) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = f.applyAsDouble(a[i][j], b == null ? 0 : b[i][j]);
            }
        }
        return c;
    }

    public static double[][] plus(double[][] a, double[][] b) { return map(a, b, Double::sum); }

    public static double[][] minus(double[][] a, double[][] b) { return map(a, b, (u, v) -> u - v); }

    public static double[][] hadamard(double[][] a, double[][] b) { return map(a, b, (u, v) -> u * v); }

    public static double[][] scale(double[][] a, double f) { return map(a, null, (u, v) -> u * f); }

    public static double[][] tanh(double[][] a) { return map(a, null, (u, v) -> Math.tanh(u)); }

    /** tanh' from tanh's value: 1 − y². */
    public static double[][] tanhSlope(double[][] y) { return map(y, null, (u, v) -> 1 - u * u); }

    public static double[][] softmax(double[][] z) {
        double[][] p = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            double max = java.util.Arrays.stream(z[i]).max().orElseThrow();
            double s = 0;
            for (int j = 0; j < z[i].length; j++) {
                s += Math.exp(z[i][j] - max);
            }
            for (int j = 0; j < z[i].length; j++) {
                p[i][j] = Math.exp(z[i][j] - max) / s;
            }
        }
        return p;
    }

    public static float[] flat(double[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i * a[0].length + j] = (float) a[i][j];
            }
        }
        return out;
    }
}
