package org.fabricsim.results;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-system distributions of every metric over all replications of a run: TTFT, TPOT, end to end
 * and speed per request, inter-token latency per token (token index >= 1, zeros for tokens emitted
 * together), the gap between a request's emissions (what a streaming client sees: inter-token latencies
 * above 0, since tokens emitted together share one emit time), and throughput per replication.
 */
public final class Summary {
    private final Map<String, Map<Metric, Distribution>> bySystem = new LinkedHashMap<>();
    private final Slo slo;

    /** A summary without latency objectives: goodput is undefined (NaN). */
    public Summary() {
        this(null);
    }

    /** A summary whose goodput counts the requests meeting {@code slo} (null: none). */
    public Summary(Slo slo) {
        this.slo = slo;
    }

    /** Adds one system's replication; its distributions are taken in whole, their stores shared. */
    public void add(RunAnalysis analysis) {
        Map<Metric, Distribution> d = bySystem.computeIfAbsent(analysis.system(), s -> {
            Map<Metric, Distribution> m = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                m.put(metric, new Distribution());
            }
            return m;
        });
        for (Metric m : RunRecorder.STREAMED) {
            d.get(m).addAll(analysis.distribution(m));
        }
        d.get(Metric.THROUGHPUT_TOKENS_PER_S).record(analysis.throughputTokensPerS());
        if (slo != null) {
            if (!slo.equals(analysis.slo())) {
                throw new IllegalArgumentException(analysis.system() + ": its requests were counted against "
                        + analysis.slo() + ", not " + slo);
            }
            d.get(Metric.GOODPUT_REQUESTS_PER_S).record(analysis.goodRequests() / analysis.spanS());
        }
        long tokens = analysis.tokens();
        if (!Double.isNaN(analysis.joules())) {
            d.get(Metric.JOULES_PER_OUTPUT_TOKEN).record(analysis.joules() / tokens);
        }
        if (!Double.isNaN(analysis.costUsd())) {
            d.get(Metric.COST_PER_MILLION_OUTPUT_TOKENS).record(analysis.costUsd() / tokens * 1e6);
        }
    }

    /** The systems, in the order they were added. */
    public List<String> systems() {
        return List.copyOf(bySystem.keySet());
    }

    public Distribution distribution(String system, Metric metric) {
        return bySystem.get(system).get(metric);
    }

    /** All rows, by system, metric and stat in contract order. */
    public List<SummaryRow> rows() {
        List<SummaryRow> rows = new ArrayList<>();
        for (var e : bySystem.entrySet()) {
            for (Metric m : Metric.values()) {
                Distribution d = e.getValue().get(m);
                for (String stat : Distribution.STATS) {
                    rows.add(new SummaryRow(e.getKey(), m.id(), stat, d.stat(stat), stat.equals("count") ? "count" : m.unit()));
                }
            }
        }
        return rows;
    }
}
