package org.fabricsim.core.timeline;

/**
 * Joins operations that complete separately: runs {@code then} on the last of {@code count} calls, as the
 * completion callback of each of {@code count} operations started together.
 */
public final class Countdown implements Runnable {
    private int remaining;
    private final Runnable then;

    public Countdown(int count, Runnable then) {
        if (count < 1) {
            throw new IllegalArgumentException("count: must be >= 1, got " + count);
        }
        if (then == null) {
            throw new IllegalArgumentException("then: must not be null");
        }
        this.remaining = count;
        this.then = then;
    }

    @Override
    public void run() {
        if (remaining == 0) {
            throw new IllegalStateException("countdown: called more often than its count");
        }
        if (--remaining == 0) {
            then.run();
        }
    }
}
