package org.fabricsim.fabric.api;

/**
 * Time a unit waits on its host with nothing to run: the serving software's scheduling, sampling and
 * detokenisation between two steps. It moves no bytes.
 *
 * @param seconds how long, >= 0
 */
public record HostWait(double seconds) implements Work {
    public HostWait {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds: must be >= 0 and finite, got " + seconds);
        }
    }
}
