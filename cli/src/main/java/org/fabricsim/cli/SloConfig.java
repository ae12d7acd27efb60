package org.fabricsim.cli;

import org.fabricsim.results.Slo;

/**
 * A scenario's latency objectives ({@code slo: {ttft_p99_s: 2s, tpot_p99_s: 50ms}}): a request meets them when its
 * TTFT and its TPOT are within the targets, and {@code goodput_requests_per_s} counts those per second. A deployment
 * whose goodput is at least 99% of its request rate has its p99s within the targets, as the names say. A target left
 * out is no bound.
 *
 * @param ttftP99S time-to-first-token target, s
 * @param tpotP99S time-per-output-token target, s
 */
public record SloConfig(Double ttftP99S, Double tpotP99S) {
    public SloConfig {
        if (ttftP99S == null && tpotP99S == null) {
            throw new IllegalArgumentException("slo: give ttft_p99_s, tpot_p99_s or both");
        }
        // a day of waiting for a token is no latency objective: the bound refuses a missing unit (2000 for 2 s)
        if (ttftP99S != null && !(ttftP99S > 0 && ttftP99S <= 86_400)) {
            throw new IllegalArgumentException("slo.ttft_p99_s: must be in (0, 86400] s, got " + ttftP99S);
        }
        if (tpotP99S != null && !(tpotP99S > 0 && tpotP99S <= 3_600)) {
            throw new IllegalArgumentException("slo.tpot_p99_s: must be in (0, 3600] s, got " + tpotP99S);
        }
    }

    /** The objectives as the summary counts them. */
    public Slo slo() {
        return new Slo(ttftP99S == null ? Double.POSITIVE_INFINITY : ttftP99S,
                tpotP99S == null ? Double.POSITIVE_INFINITY : tpotP99S);
    }

    /** The objectives of a scenario, or null when it sets none. */
    static Slo of(Scenario s) {
        return s.slo() == null ? null : s.slo().slo();
    }
}
