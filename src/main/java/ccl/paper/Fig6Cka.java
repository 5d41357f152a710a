package ccl.paper;

import ccl.io.AtomicFiles;
import ccl.io.Json;
import ccl.report.Plots;
import ccl.sweep.Sweeps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The paper's Fig 6: the CKA probe on the MNIST CNN over 160 steps (sweeps/fig6_mnist_cnn.yaml), each
 * step's matrix averaged over the seeds ({@code cka-mean.jsonl}), drawn as the paper lays it out ({@code cka.png}).
 */
final class Fig6Cka implements RunFigure.Summary {
    @Override
    public List<Path> write(List<Sweeps.Entry> done, Path folder) {
        List<Map<String, Object>> mean = mean(done.stream().map(Sweeps.Entry::dir).toList());
        Path records = folder.resolve("cka-mean.jsonl");
        AtomicFiles.writeString(records, mean.stream().map(Json.LINE::toJson).collect(Collectors.joining("\n", "", "\n")));
        Path figure = Plots.writeCka(mean, "MNIST CNN, mean of " + done.size() + " seeds", folder.resolve("cka.png"));
        return List.of(figure, records);
    }

    /** Each step's CKA matrix averaged over the runs (entry by entry). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> mean(List<Path> runs) {
        Map<Long, List<Map<String, Object>>> byStep = new TreeMap<>();
        for (Path run : runs) {
            try {
                for (String line : Files.readAllLines(run.resolve("probes.jsonl"))) {
                    Map<String, Object> r = Json.parseObject(line);
                    byStep.computeIfAbsent(((Number) r.get("step")).longValue(), k -> new ArrayList<>()).add(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + run.resolve("probes.jsonl") + ": " + e.getMessage(), e);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byStep.forEach((step, records) -> {
            List<List<Number>> first = (List<List<Number>>) records.get(0).get("cka");
            List<List<Double>> sum = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                List<Double> row = new ArrayList<>();
                for (int j = 0; j < first.get(i).size(); j++) {
                    int ii = i;
                    int jj = j;
                    row.add(records.stream().mapToDouble(r -> ((List<List<Number>>) r.get("cka")).get(ii).get(jj)
                            .doubleValue()).average().orElseThrow());
                }
                sum.add(row);
            }
            Map<String, Object> m = new LinkedHashMap<>(records.get(0));
            m.put("cka", sum);
            m.put("seeds", records.size());
            out.add(m);
        });
        return out;
    }
}
