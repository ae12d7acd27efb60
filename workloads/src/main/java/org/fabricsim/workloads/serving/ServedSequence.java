package org.fabricsim.workloads.serving;

import org.fabricsim.workloads.requests.Request;

/** A request {@link BatchingDriver} is serving: its progress through prefill and decode. */
final class ServedSequence {
    final Request request;
    int prefillIssued;
    int prefilled;
    int generated;
    int stepsInFlight;
    /** Emit time of each output token, filled as tokens come; allocated at the first. */
    double[] emitS;

    ServedSequence(Request request) {
        this.request = request;
    }

    boolean prefillDone() {
        return prefilled >= request.promptTokens();
    }

    boolean prefillIssued() {
        return prefillIssued >= request.promptTokens();
    }
}
