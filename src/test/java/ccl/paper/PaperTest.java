package ccl.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ccl.sweep.LocalExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperTest {
    @TempDir
    Path dir;

    @Test
    void tableTwoNeedsNoTrainingAndMatchesThePaper() throws Exception {
        List<Path> written = PaperItems.find("table2").orElseThrow()
                .make(new PaperItem.Options(dir, false, null, LocalExecutor.forCores(null, null)));
        String md = Files.readString(written.get(0));
        assertTrue(md.contains("| `configs/mlp/cifar10_ccl.yaml` | CCL | CIFAR10 | 27.8861 | 27.89 |"), md);
    }

    @Test
    void everyItemIsListedWithWhatItTakes() {
        assertEquals(List.of("table1", "table2", "table3", "fig3", "fig6", "fig7", "fig8"),
                PaperItems.all().stream().map(PaperItem::name).toList());
        assertTrue(PaperItems.all().stream().allMatch(i -> !i.what().isEmpty() && !i.cost().isEmpty()));
        assertTrue(PaperItems.notYet().containsKey("fig5"));
    }

    @Test
    void figSixAveragesEachStepsMatrixOverTheSeeds() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("probes.jsonl"), "{\"probe\":\"cka\",\"step\":0,\"cka\":[[0.2,0.4]]}\n"
                + "{\"probe\":\"cka\",\"step\":20,\"cka\":[[0.5,0.5]]}\n");
        Files.writeString(b.resolve("probes.jsonl"), "{\"probe\":\"cka\",\"step\":0,\"cka\":[[0.4,0.6]]}\n"
                + "{\"probe\":\"cka\",\"step\":20,\"cka\":[[0.7,0.1]]}\n");

        List<Map<String, Object>> mean = Fig6.mean(List.of(a, b));

        assertEquals(List.of(List.of(0.30000000000000004, 0.5)), mean.get(0).get("cka"));
        assertEquals(List.of(List.of(0.6, 0.3)), mean.get(1).get("cka"));
        assertEquals(2, mean.get(1).get("seeds"));
    }
}
