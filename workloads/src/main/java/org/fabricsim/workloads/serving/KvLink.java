package org.fabricsim.workloads.serving;

/**
 * The link a prompt's KV cache crosses from a prefill system to its decoding system: one first-come-first-served
 * pipe, so transfers that overlap queue behind each other (store and forward: a request can decode once its
 * whole KV has arrived).
 */
public final class KvLink {
    private final double bytesPerS;
    private final double latencyS;
    private double freeAtS;
    private double bytesMoved;

    public KvLink(double bytesPerS, double latencyS) {
        if (!(bytesPerS > 0) || !(latencyS >= 0)) {
            throw new IllegalArgumentException("KvLink: bandwidth must be > 0 and latency >= 0, got " + bytesPerS
                    + " B/s and " + latencyS + " s");
        }
        this.bytesPerS = bytesPerS;
        this.latencyS = latencyS;
    }

    /** Time at which {@code bytes} sent at {@code nowS} have all arrived. */
    public double deliver(double nowS, double bytes) {
        double start = Math.max(nowS, freeAtS);
        freeAtS = start + bytes / bytesPerS;
        bytesMoved += bytes;
        return freeAtS + latencyS;
    }

    /** Bytes sent over the link so far. */
    public double bytesMoved() {
        return bytesMoved;
    }
}
