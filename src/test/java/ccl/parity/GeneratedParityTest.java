package ccl.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ccl.testing.Synthetic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity on the options the shared cases leave at their defaults (BatchNorm modes, momentum, weight
 * decay, GradC, clipping, warm-up, filter_target, other activations), for the MLPs, both CNNs and the
 * convolutional autoencoder,
 * recorded by tools/parity/make_case.py with PyTorch 1.13 (Debian's python3-torch, which .ci/run installs).
 */
class GeneratedParityTest {
    static final String PYTHON = "/usr/bin/python3";

    static List<List<String>> cases() {
        return List.of(
                List.of("ccl_bn_momentum_wd", "--fw_bn", "1", "--bw_bn", "2", "--mmt_F", "0.9", "--mmt_B", "0.5",
                    "--wd_F", "1e-4", "--wd_B", "1e-3"),
                List.of("ccl_gradc_warmup_clip", "--GradC", "1", "--warmup", "10", "--grad_clip_F", "0.5",
                    "--grad_clip_B", "0.2", "--act_F", "tanh", "--act_B", "relu"),
                List.of("ccl_filter_target_bn_affine_ignored", "--filter_target", "0.1", "--confident-init", "12",
                    "--fw_bn", "2", "--bw_bn", "1", "--bn_affine", "0", "--act_F", "selu", "--act_B", "leaky_relu",
                    "--mmt_F", "0.5"),
                List.of("bp_bn_momentum_gradc_warmup", "--method", "BP", "--fw_bn", "2", "--mmt_F", "0.9",
                    "--wd_F", "1e-3", "--wd_B", "1e-2", "--GradC", "1", "--warmup", "5"),
                List.of("mlp_cifar10_ccl_momentum", "--arch", "simple_linear", "--mmt_F", "0.5", "--mmt_B", "0.5",
                    "--wd_F", "1e-5"),
                List.of("cnn_ccl_bn_before_noaffine", "--arch", "cnn", "--fw_bn", "1", "--bw_bn", "1", "--bn_affine", "0",
                    "--mmt_F", "0.9", "--mmt_B", "0.9", "--wd_F", "1e-4", "--wd_B", "1e-4", "--warmup", "50",
                    "--grad_clip_F", "0.5", "--grad_clip_B", "0.5", "--GradC", "1", "--loss_scale_C", "1"),
                List.of("cnn_pool_ccl_filter_target", "--arch", "cnn_pool", "--filter_target", "0.2",
                    "--confident-init", "200", "--fw_bn", "2", "--bw_bn", "2", "--mmt_F", "0.5", "--mmt_B", "0.5"),
                List.of("cnn_bp_bn_before_noaffine", "--arch", "cnn", "--method", "BP", "--fw_bn", "1", "--bn_affine", "0",
                    "--mmt_F", "0.9", "--wd_F", "5e-4", "--warmup", "10", "--grad_clip_F", "0.5"),
                List.of("cnn_pool_ccl_cifar100", "--arch", "cnn_pool", "--cifar100", "--mmt_F", "0.5", "--mmt_B", "0.5",
                    "--wd_F", "1e-6", "--wd_B", "1e-6", "--warmup", "100", "--GradC", "1", "--grad_clip_F", "0",
                    "--grad_clip_B", "0", "--loss_scale_C", "1"),
                List.of("cnn_pool_bp", "--arch", "cnn_pool", "--method", "BP", "--mmt_F", "0.9", "--GradC", "1"),
                // The autoencoder's tensors are large (two 340 MB weight files), so one small-batch case.
                List.of("ae_ccl_shifth5", "--arch", "cnn_stride_autoencoder", "--batch", "4", "--steps", "2",
                    "--act_F", "relu", "--act_B", "relu", "--mmt_F", "0.9", "--mmt_B", "0.9", "--wd_F", "1e-4",
                    "--wd_B", "1e-4", "--warmup", "100", "--GradC", "1", "--grad_clip_F", "0.2", "--grad_clip_B", "0.2",
                    "--loss_scale_C", "1", "--lr_F", "0.01", "--lr_B", "0.01", "--task_transform", "shifth5"));
    }

    static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void caseRecordedWithPyTorchAgrees(List<String> spec) throws Exception {
        assumeTrue(torchAvailable(), "skipped: " + PYTHON + " cannot import torch; install Debian's python3-torch "
                + "(apt-get install python3-torch) to record these cases");
        Path root = Path.of("target", "parity-generated");
        boolean cnn = spec.contains("--arch"); // every case with --arch reads CIFAR data
        boolean cifar100 = spec.contains("--cifar100");
        Path data = root.resolve(cnn ? (cifar100 ? "cifar100" : "cifar10") : "mnist");
        if (!Files.isDirectory(data)) {
            if (cnn) {
                Synthetic.writeCifarLike(data, 64, cifar100, 7);
            } else {
                Synthetic.writeMnistLike(data, "train", 256, 7);
            }
        }
        Path dir = root.resolve(spec.get(0));
        if (!Files.isRegularFile(dir.resolve("case.json"))) {
            List<String> cmd = new ArrayList<>(List.of(PYTHON, "tools/parity/make_case.py", dir.toString(),
                    "--data", data.toString()));
            if (cnn) {
                cmd.addAll(List.of("--batch", "16"));
            }
            cmd.addAll(spec.subList(1, spec.size()).stream().filter(a -> !a.equals("--cifar100")).toList());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), "make_case.py failed:\n" + out);
        }
        if (spec.contains("--filter_target")) {
            // The case must actually zero some samples, or it would not test the mask.
            assertTrue(!Files.readString(dir.resolve("case.json")).contains("\"filter_target_masked\": 0,"),
                    "the filter_target case masked no sample");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ParityResult r = ParityRunner.run(dir, m);
            System.out.println(r.summaryLine());
            assertEquals(ParityResult.Status.PASS, r.status(), String.join("\n", r.detail()));
        }
    }
}
