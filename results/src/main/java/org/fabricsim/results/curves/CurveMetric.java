package org.fabricsim.results.curves;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A published column a curve is compared on, the simulated figure it corresponds to, and the headline it counts
 * toward. Every simulated figure but a batch's latency is a mean over the run's requests (summary.csv stat
 * {@code mean}), as the published means are.
 */
public enum CurveMetric {
    /** Mean time to first token. */
    TTFT(Kind.TIME, Headline.TTFT),
    /** Mean time per output token after the first. */
    TPOT(Kind.TIME, Headline.USER_SPEED),
    /**
     * A client's mean inter-token latency, (E2E - TTFT) / (output - 1) as AIPerf and genai-perf report it: that is
     * fabricsim's TPOT (fabricsim's own itl_s counts tokens emitted together as 0).
     */
    ITL(Kind.TIME, Headline.USER_SPEED),
    /** Mean end-to-end latency of a request. */
    E2E(Kind.TIME, Headline.NONE),
    /** Output tokens per second per user, 1 / TPOT. */
    TOK_S_USER(Kind.RATE, Headline.USER_SPEED),
    /** Output tokens per second per user including prefill: output tokens / E2E. */
    TOK_S_USER_E2E(Kind.RATE, Headline.USER_SPEED),
    /**
     * Output tokens per second per user of an offline batch, as a batch benchmark derives it: output tokens per
     * request / the batch's latency (every request arrives at once, so the latency is the longest request's
     * E2E, summary.csv's {@code e2e_s max}). Where the batch does not fit at once, the requests that wait count
     * at the batch's pace, not at their own.
     */
    TOK_S_USER_BATCH(Kind.RATE, Headline.USER_SPEED),
    /** Output tokens per second of the whole deployment. */
    OUTPUT_TOK_S(Kind.RATE, Headline.NONE);

    /** What the published unit measures. */
    public enum Kind { TIME, RATE }

    /** The target a metric's error counts toward: per-user speed (as tok/s per user), TTFT, or neither. */
    public enum Headline {
        USER_SPEED("tok/s per user"), TTFT("TTFT"), NONE("-");

        private final String label;

        Headline(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final Headline headline;

    CurveMetric(Kind kind, Headline headline) {
        this.kind = kind;
        this.headline = headline;
    }

    public Kind kind() {
        return kind;
    }

    public Headline headline() {
        return headline;
    }

    /** The name in a curve CSV's {@code metric} column. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric a curve CSV names, or null. */
    public static CurveMetric byKey(String key) {
        for (CurveMetric m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }

    /** Seconds (or tokens/s) per one of {@code unit}, or NaN when the unit does not measure this metric. */
    public double toSi(String unit) {
        return switch (kind) {
            case TIME -> switch (unit) {
                case "s" -> 1;
                case "ms" -> 1e-3;
                case "us" -> 1e-6;
                default -> Double.NaN;
            };
            case RATE -> "tok/s".equals(unit) ? 1 : Double.NaN;
        };
    }

    /**
     * The simulated figure in SI units from one system's summary ({@code metric/stat} -> value) and the output
     * tokens per request; empty when the summary lacks what it needs.
     */
    public OptionalDouble simulated(Map<String, Double> summary, double outputTokensPerRequest) {
        double v = switch (this) {
            case TTFT -> get(summary, "ttft_s/mean");
            case TPOT, ITL -> get(summary, "tpot_s/mean");
            case E2E -> get(summary, "e2e_s/mean");
            case TOK_S_USER -> 1 / get(summary, "tpot_s/mean");
            case TOK_S_USER_E2E -> outputTokensPerRequest / get(summary, "e2e_s/mean");
            case TOK_S_USER_BATCH -> outputTokensPerRequest / get(summary, "e2e_s/max");
            case OUTPUT_TOK_S -> get(summary, "throughput_tokens_per_s/mean");
        };
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private static double get(Map<String, Double> summary, String key) {
        return summary.getOrDefault(key, Double.NaN);
    }

    /**
     * The error toward this metric's headline: for a time per token, the error of its inverse, tokens/s per user
     * (positive: the model is faster); otherwise the metric's own error.
     */
    public double headlineError(double publishedSi, double simulatedSi) {
        if (headline == Headline.USER_SPEED && kind == Kind.TIME) {
            return publishedSi / simulatedSi - 1;
        }
        return simulatedSi / publishedSi - 1;
    }
}
