package org.fabricsim.workloads.requests;

/**
 * One inference request: when it arrives and how many prompt and output tokens it has.
 *
 * @param id            dense id within the run, in arrival order
 * @param arrivalS      arrival time in seconds (closed-loop sources fill it in when they issue it)
 * @param promptTokens  prompt (prefill) length
 * @param outputTokens  tokens to generate, at least 1
 */
public record Request(long id, double arrivalS, int promptTokens, int outputTokens) {
    public Request {
        if (!(arrivalS >= 0) || Double.isInfinite(arrivalS)) {
            throw new IllegalArgumentException("arrival_s: must be finite and >= 0, got " + arrivalS);
        }
        if (promptTokens < 1) {
            throw new IllegalArgumentException("prompt_tokens: must be >= 1, got " + promptTokens);
        }
        if (outputTokens < 1) {
            throw new IllegalArgumentException("output_tokens: must be >= 1, got " + outputTokens);
        }
    }

    public Request at(double timeS) {
        return new Request(id, timeS, promptTokens, outputTokens);
    }
}
