package ccl.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our exact t-SNE against scikit-learn's ({@code TSNE(method="exact", init="random")}, Debian's
 * python3-sklearn) on the same data: the final KL divergence within 15 % of theirs and a trustworthiness as
 * high. Skips with a message where scikit-learn is not installed.
 */
class TsneTest {
    @Test
    void agreesWithScikitLearnOnClusteredData(@TempDir Path tmp) throws Exception {
        Random rng = new Random(3);
        int n = 150;
        int d = 10;
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int cluster = i % 3;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (j == cluster ? 6 : 0) + rng.nextGaussian();
            }
        }
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                csv.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", x[i * d + j]));
            }
            csv.append('\n');
        }
        Path data = Files.writeString(tmp.resolve("x.csv"), csv);
        String[] reference = sklearn(data);
        assumeTrue(reference != null, "skipped: /usr/bin/python3 has no scikit-learn (Debian: apt-get install python3-sklearn)");
        double theirKl = Double.parseDouble(reference[0]);
        double theirTrust = Double.parseDouble(reference[1]);

        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = m.create(x, new Shape(n, d));
            Tsne.Result ours = Tsne.embed(features, 30, 1000, 0);
            double trust = Tsne.trustworthiness(features, ours.embedding(), 5);
            assertTrue(Math.abs(ours.kl() - theirKl) < 0.15 * theirKl, "KL ours " + ours.kl() + ", scikit-learn " + theirKl);
            assertTrue(trust >= theirTrust - 0.02, "trustworthiness ours " + trust + ", scikit-learn " + theirTrust);
            assertTrue(trust > 0.9, "trustworthiness " + trust);
        }
    }

    /** scikit-learn's KL divergence and trustworthiness (k = 5) on the CSV's points, or null without it. */
    private static String[] sklearn(Path csv) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return null;
        }
        String script = "import sys, numpy as np\n"
                + "try:\n    from sklearn.manifold import TSNE, trustworthiness\nexcept ImportError:\n    sys.exit(3)\n"
                + "x = np.loadtxt(sys.argv[1], delimiter=',')\n"
                + "t = TSNE(method='exact', init='random', perplexity=30, learning_rate='auto', random_state=0)\n"
                + "y = t.fit_transform(x)\n"
                + "print(t.kl_divergence_, trustworthiness(x, y, n_neighbors=5))\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, csv.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1].trim().split("\\s+");
    }
}
