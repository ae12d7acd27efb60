package org.fabricsim.results;

/**
 * Latency objectives a request must meet to count towards goodput (DistServe's definition: requests served within
 * both their time-to-first-token and time-per-output-token targets, per second). A bound of +infinity is no bound.
 *
 * @param ttftS most seconds from arrival to the first token
 * @param tpotS most seconds per output token after the first (a one-token answer has none and meets it)
 */
public record Slo(double ttftS, double tpotS) {
    public Slo {
        if (!(ttftS > 0) || !(tpotS > 0)) {
            throw new IllegalArgumentException("slo: targets must be > 0, got ttft " + ttftS + " s, tpot " + tpotS + " s");
        }
    }

    /** Whether a request met both targets. */
    public boolean meets(RequestMetrics r) {
        return r.ttftS() <= ttftS && (Double.isNaN(r.tpotS()) || r.tpotS() <= tpotS);
    }
}
