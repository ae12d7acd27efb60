package org.fabricsim.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * summary.json: the numbers of summary.csv nested as systems -> metric -> {unit, stats}; undefined
 * values (NaN) are written as null, since JSON has no NaN.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    public static void write(Path file, String scenario, long seed, int replications, Summary summary) throws IOException {
        write(file, scenario, seed, replications, summary, Map.of());
    }

    /**
     * As {@link #write(Path, String, long, int, Summary)}, with the inputs each system's cost was computed from
     * ({@code cost_inputs} under the system: its price as the scenario states it).
     */
    public static void write(Path file, String scenario, long seed, int replications, Summary summary,
            Map<String, ?> costInputs) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", scenario);
        root.put("seed", seed);
        root.put("replications", replications);
        root.put("percentile_method", Distribution.PERCENTILE_METHOD);
        Map<String, Object> systems = new LinkedHashMap<>();
        for (String system : summary.systems()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Metric m : Metric.values()) {
                Distribution d = summary.distribution(system, m);
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("unit", m.unit());
                for (String stat : Distribution.STATS) {
                    double v = d.stat(stat);
                    stats.put(stat, Double.isNaN(v) ? null : stat.equals("count") ? (Object) (long) v : (Object) v);
                }
                metrics.put(m.id(), stats);
            }
            if (costInputs.containsKey(system)) {
                metrics.put("cost_inputs", costInputs.get(system));
            }
            systems.put(system, metrics);
        }
        root.put("systems", systems);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
