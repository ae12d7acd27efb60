package org.fabricsim.results;

/**
 * Latency figures of one completed request, computed from its token emit times.
 *
 * @param ttftS             first token emit minus arrival
 * @param tpotS             (last emit - first emit) / (output tokens - 1); NaN for a one-token request
 * @param e2eS              last emit minus arrival
 * @param outputTokensPerS  1 / tpot (the speed after the first chunk that leaderboards report); NaN if tpot is NaN or 0
 */
public record RequestMetrics(String system, int replication, long requestId, double arrivalS, int promptTokens,
        int outputTokens, double ttftS, double tpotS, double e2eS, double outputTokensPerS) {
}
