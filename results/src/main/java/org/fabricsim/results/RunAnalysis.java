package org.fabricsim.results;

import java.util.EnumMap;
import java.util.Map;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.SystemRun;
import org.fabricsim.workloads.serving.TokenLog;

/**
 * What one system did in one replication, as a {@link RunRecorder} saw it: counts, span and the per-request
 * and per-token distributions (the rows themselves went to files as the run went).
 */
public final class RunAnalysis {
    private final String system;
    private final int replication;
    private final int requests;
    private final long tokens;
    private final double spanS;
    private final Slo slo;
    private final long goodRequests;
    private final Map<Metric, Distribution> metrics;
    private final double joules;
    private final double costUsd;

    RunAnalysis(String system, int replication, int requests, long tokens, double spanS, Slo slo, long goodRequests,
            EnumMap<Metric, Distribution> metrics) {
        this(system, replication, requests, tokens, spanS, slo, goodRequests, metrics, Double.NaN, Double.NaN);
    }

    private RunAnalysis(String system, int replication, int requests, long tokens, double spanS, Slo slo,
            long goodRequests, Map<Metric, Distribution> metrics, double joules, double costUsd) {
        this.system = system;
        this.replication = replication;
        this.requests = requests;
        this.tokens = tokens;
        this.spanS = spanS;
        this.slo = slo;
        this.goodRequests = goodRequests;
        this.metrics = metrics;
        this.joules = joules;
        this.costUsd = costUsd;
    }

    /** The analysis of a run recorded whole in memory ({@link TokenLog}), its requests fed in by id. */
    public static RunAnalysis of(SystemRun run, Slo slo) {
        RunRecorder recorder = new RunRecorder(run.system(), run.replication(), slo);
        TokenLog log = run.tokens();
        double[][] emitS = new double[run.requests().size()][];
        for (Request r : run.requests()) {
            emitS[(int) r.id()] = new double[r.outputTokens()];
        }
        for (int i = 0; i < log.size(); i++) {
            emitS[(int) log.requestId(i)][log.tokenIndex(i)] = log.emitS(i);
        }
        for (Request r : run.requests()) {
            recorder.completed(r, emitS[(int) r.id()]);
        }
        return recorder.finish(run.requests().size());
    }

    /** {@link #of(SystemRun, Slo)} without latency objectives. */
    public static RunAnalysis of(SystemRun run) {
        return of(run, null);
    }

    /** This run with the energy its hardware used and what the span cost (NaN where not modelled or priced). */
    public RunAnalysis withEconomics(double joules, double costUsd) {
        return new RunAnalysis(system, replication, requests, tokens, spanS, slo, goodRequests, metrics, joules, costUsd);
    }

    public String system() {
        return system;
    }

    public int replication() {
        return replication;
    }

    public int requests() {
        return requests;
    }

    /** Output tokens emitted. */
    public long tokens() {
        return tokens;
    }

    /** The objectives {@link #goodRequests} was counted against (null: none). */
    public Slo slo() {
        return slo;
    }

    /** Requests that met {@link #slo}. */
    public long goodRequests() {
        return goodRequests;
    }

    /** The distribution of a per-request or per-token metric over this replication. */
    public Distribution distribution(Metric metric) {
        Distribution d = metrics.get(metric);
        if (d == null) {
            throw new IllegalArgumentException(metric.id() + " is one value per replication, not streamed");
        }
        return d;
    }

    /** Joules the system's hardware used over the run's span; NaN when its power is not modelled. */
    public double joules() {
        return joules;
    }

    /** US dollars the system cost over the run's span; NaN when the scenario gives it no price. */
    public double costUsd() {
        return costUsd;
    }

    /** Output tokens per second over the run: all tokens / (last emit - first arrival). */
    public double throughputTokensPerS() {
        return spanS > 0 ? tokens / spanS : Double.NaN;
    }

    /** Seconds from the first arrival to the last token: the span throughput and goodput are counted over. */
    public double spanS() {
        return spanS;
    }
}
