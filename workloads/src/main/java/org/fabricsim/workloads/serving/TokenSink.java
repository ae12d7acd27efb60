package org.fabricsim.workloads.serving;

import org.fabricsim.workloads.requests.Request;

/**
 * Where a driver hands each request once its last token is out, so a run keeps only the requests in flight:
 * results streams them to its files as they come ({@code results.RunRecorder}), tests collect them in a
 * {@link TokenLog}.
 */
@FunctionalInterface
public interface TokenSink {
    /**
     * A request is complete; {@code emitS[k]} is the emit time of its token k (one entry per output token).
     * Requests arrive in completion order, not by id. The array is the caller's no longer: a sink may keep it.
     */
    void completed(Request request, double[] emitS);
}
