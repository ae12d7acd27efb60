package org.fabricsim.results;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.TokenSink;

/**
 * Takes one system's replication as its requests complete and keeps nothing of them but distributions:
 * each request's token and request rows go to the CSV writers and its latencies into the distributions the
 * moment every request of a lower id is done (ids are dense and admitted first come, first served, so the
 * requests waiting for a lower one are those that finished while it ran: bounded by what is in flight).
 * The rows thus come out by request id and token index, in the order of the files written whole before.
 */
public final class RunRecorder implements TokenSink {
    /** The metrics a recorder fills per request and per token; the others are one value per replication. */
    static final Metric[] STREAMED = {Metric.TTFT_S, Metric.TPOT_S, Metric.E2E_S, Metric.OUTPUT_TOKENS_PER_S,
        Metric.ITL_S, Metric.EMISSION_GAP_S};

    private final String system;
    private final int replication;
    private final Slo slo;
    private final SequenceWriter tokenRows;
    private final SequenceWriter requestRows;
    private final EnumMap<Metric, Distribution> metrics = new EnumMap<>(Metric.class);
    private final Map<Long, double[]> emitsWaiting = new HashMap<>();
    private final Map<Long, Request> requestsWaiting = new HashMap<>();
    private final Object[] tokenRow = new Object[CsvFiles.TOKEN_COLUMNS.size()];
    private long nextId;
    private long tokens;
    private double firstArrivalS = Double.POSITIVE_INFINITY;
    private double lastEmitS;
    private long good;

    /** A recorder keeping only distributions, in memory: no rows written (tests, benchmarks, search). */
    public RunRecorder(String system, int replication, Slo slo) {
        this(system, replication, slo, null, null, null);
    }

    /**
     * A recorder writing rows to {@code tokenRows} and {@code requestRows} (both null: none) and spilling its
     * distributions into {@code spillFolder} (null: memory).
     */
    RunRecorder(String system, int replication, Slo slo, SequenceWriter tokenRows, SequenceWriter requestRows,
            Path spillFolder) {
        this.system = system;
        this.replication = replication;
        this.slo = slo;
        this.tokenRows = tokenRows;
        this.requestRows = requestRows;
        for (Metric m : STREAMED) {
            metrics.put(m, new Distribution(spillFolder));
        }
    }

    @Override
    public void completed(Request request, double[] emitS) {
        if (emitS.length != request.outputTokens()) {
            throw new IllegalStateException("request " + request.id() + " of " + system + " has " + emitS.length
                    + " tokens, not " + request.outputTokens());
        }
        if (request.id() != nextId) {
            requestsWaiting.put(request.id(), request);
            emitsWaiting.put(request.id(), emitS);
            return;
        }
        release(request, emitS);
        while (!requestsWaiting.isEmpty()) {
            Request next = requestsWaiting.remove(nextId);
            if (next == null) {
                return;
            }
            release(next, emitsWaiting.remove(next.id()));
        }
    }

    private void release(Request r, double[] emitS) {
        nextId++;
        int n = emitS.length;
        double first = emitS[0];
        double last = emitS[n - 1];
        double ttft = first - r.arrivalS();
        double e2e = last - r.arrivalS();
        double tpot = n > 1 ? (last - first) / (n - 1) : Double.NaN;
        double speed = tpot > 0 ? 1 / tpot : Double.NaN;
        RequestMetrics m = new RequestMetrics(system, replication, r.id(), r.arrivalS(), r.promptTokens(), n, ttft,
                tpot, e2e, speed);
        good += slo != null && slo.meets(m) ? 1 : 0;
        metrics.get(Metric.TTFT_S).record(ttft);
        metrics.get(Metric.TPOT_S).record(tpot);
        metrics.get(Metric.E2E_S).record(e2e);
        metrics.get(Metric.OUTPUT_TOKENS_PER_S).record(speed);
        Distribution itl = metrics.get(Metric.ITL_S);
        Distribution gaps = metrics.get(Metric.EMISSION_GAP_S);
        for (int k = 1; k < n; k++) {
            double gap = emitS[k] - emitS[k - 1];
            itl.record(gap);
            if (gap > 0) {
                gaps.record(gap);
            }
        }
        firstArrivalS = Math.min(firstArrivalS, r.arrivalS());
        for (double e : emitS) {
            lastEmitS = Math.max(lastEmitS, e);
        }
        tokens += n;
        try {
            writeRows(r, emitS, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRows(Request r, double[] emitS, RequestMetrics m) throws IOException {
        if (tokenRows != null) {
            for (int k = 0; k < emitS.length; k++) {
                tokenRow[0] = system;
                tokenRow[1] = replication;
                tokenRow[2] = r.id();
                tokenRow[3] = k;
                tokenRow[4] = r.arrivalS();
                tokenRow[5] = emitS[k];
                tokenRow[6] = k == 0 ? emitS[0] - r.arrivalS() : emitS[k] - emitS[k - 1];
                tokenRows.write(tokenRow);
            }
        }
        if (requestRows != null) {
            requestRows.write(new Object[] {m.system(), m.replication(), m.requestId(), m.arrivalS(), m.promptTokens(),
                m.outputTokens(), m.ttftS(), m.tpotS(), m.e2eS(), m.outputTokensPerS()});
        }
    }

    /** Ends the replication: every request must have come; rows are flushed and the analysis returned. */
    public RunAnalysis finish(int requests) {
        if (nextId != requests || !requestsWaiting.isEmpty()) {
            throw new IllegalStateException(system + ": request " + nextId + " of " + requests + " never completed");
        }
        try {
            if (tokenRows != null) {
                tokenRows.close();
            }
            if (requestRows != null) {
                requestRows.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metrics.values().forEach(Distribution::seal);
        double span = lastEmitS > firstArrivalS ? lastEmitS - firstArrivalS : Double.NaN;
        return new RunAnalysis(system, replication, requests, tokens, span, slo, good, metrics);
    }
}
