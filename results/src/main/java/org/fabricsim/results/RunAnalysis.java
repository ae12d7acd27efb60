package org.fabricsim.results;

import java.util.ArrayList;
import java.util.List;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.SystemRun;
import org.fabricsim.workloads.serving.TokenLog;

/**
 * Turns a {@link SystemRun} into per-token latencies (ordered by request, then token index) and
 * per-request metrics. Pure functions of the immutable run record.
 */
public final class RunAnalysis {
    private final SystemRun run;
    private final int[] order;
    private final double[] latencyS;
    private final double joules;
    private final double costUsd;

    private RunAnalysis(RunAnalysis a, double joules, double costUsd) {
        this.run = a.run;
        this.order = a.order;
        this.latencyS = a.latencyS;
        this.joules = joules;
        this.costUsd = costUsd;
    }

    /** This run with the energy its hardware used and what the span cost (NaN where not modelled or priced). */
    public RunAnalysis withEconomics(double joules, double costUsd) {
        return new RunAnalysis(this, joules, costUsd);
    }

    /** Joules the system's hardware used over the run's span; NaN when its power is not modelled. */
    public double joules() {
        return joules;
    }

    /** US dollars the system cost over the run's span; NaN when the scenario gives it no price. */
    public double costUsd() {
        return costUsd;
    }

    public RunAnalysis(SystemRun run) {
        this.joules = Double.NaN;
        this.costUsd = Double.NaN;
        this.run = run;
        TokenLog log = run.tokens();
        int n = log.size();
        int requests = run.requests().size();
        // Counting sort by request id (dense 0..requests-1); emission order keeps token indexes ascending.
        int[] start = new int[requests + 1];
        for (int i = 0; i < n; i++) {
            start[(int) log.requestId(i) + 1]++;
        }
        for (int r = 0; r < requests; r++) {
            start[r + 1] += start[r];
        }
        order = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            order[fill[(int) log.requestId(i)]++] = i;
        }
        latencyS = new double[n];
        for (int j = 0; j < n; j++) {
            int i = order[j];
            Request r = run.requests().get((int) log.requestId(i));
            latencyS[j] = log.tokenIndex(i) == 0 ? log.emitS(i) - r.arrivalS() : log.emitS(i) - log.emitS(order[j - 1]);
        }
    }

    public SystemRun run() {
        return run;
    }

    /** Number of tokens. */
    public int tokens() {
        return order.length;
    }

    /** Log index of the j-th token in (request, token index) order. */
    public int tokenAt(int j) {
        return order[j];
    }

    /** Latency of the j-th token in (request, token index) order: TTFT for token 0, else the gap to the previous token. */
    public double latencyS(int j) {
        return latencyS[j];
    }

    /** Metrics of every request, by id. */
    public List<RequestMetrics> requestMetrics() {
        TokenLog log = run.tokens();
        List<RequestMetrics> out = new ArrayList<>(run.requests().size());
        int j = 0;
        for (Request r : run.requests()) {
            int first = order[j];
            int last = order[j + r.outputTokens() - 1];
            if (log.requestId(first) != r.id() || log.requestId(last) != r.id()) {
                throw new IllegalStateException("request " + r.id() + " of " + run.system() + " has not "
                        + r.outputTokens() + " tokens");
            }
            double ttft = log.emitS(first) - r.arrivalS();
            double e2e = log.emitS(last) - r.arrivalS();
            double tpot = r.outputTokens() > 1 ? (log.emitS(last) - log.emitS(first)) / (r.outputTokens() - 1) : Double.NaN;
            double speed = tpot > 0 ? 1 / tpot : Double.NaN;
            out.add(new RequestMetrics(run.system(), run.replication(), r.id(), r.arrivalS(), r.promptTokens(),
                    r.outputTokens(), ttft, tpot, e2e, speed));
            j += r.outputTokens();
        }
        return out;
    }

    /** Output tokens per second over the run: all tokens / (last emit - first arrival). */
    public double throughputTokensPerS() {
        double span = spanS();
        return span > 0 ? run.tokens().size() / span : Double.NaN;
    }

    /** Seconds from the first arrival to the last token: the span throughput and goodput are counted over. */
    public double spanS() {
        TokenLog log = run.tokens();
        double first = Double.POSITIVE_INFINITY;
        for (Request r : run.requests()) {
            first = Math.min(first, r.arrivalS());
        }
        double last = 0;
        for (int i = 0; i < log.size(); i++) {
            last = Math.max(last, log.emitS(i));
        }
        return last > first ? last - first : Double.NaN;
    }
}
