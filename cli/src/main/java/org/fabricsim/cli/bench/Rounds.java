package org.fabricsim.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Plain timed loops without JMH: a few warm-up rounds (JIT compilation), then the measured rounds: the
 * median wall-clock seconds of a round, and the mean process CPU seconds of a round (all threads, GC and
 * JIT included; a mean over all rounds because the JVM's process CPU clock ticks in 10 ms steps on Linux).
 * On a shared machine the CPU figure is the robust one: time spent descheduled while other processes run
 * is not counted. Good to about 10% on a quiet machine; the JMH benchmarks (bench module) for better.
 */
public record Rounds(int warmups, int measured) {
    public Rounds {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups: must be >= 0, got " + warmups);
        }
        if (measured < 1) {
            throw new IllegalArgumentException("measured: must be >= 1, got " + measured);
        }
    }

    /** A body whose time is measured; may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Times of one execution of a body: median wall-clock seconds, mean process CPU seconds. */
    public record Times(double wallS, double cpuS) {
    }

    /** Median wall-clock seconds of one execution of {@code body}. */
    public double medianSeconds(Body body) throws Exception {
        return medianTimesInterleaved(List.of(body))[0].wallS();
    }

    /**
     * Times of each body, the bodies run round-robin (warm-ups too) so that a disturbance on a
     * shared machine hits them alike and their ratios stay meaningful.
     */
    public Times[] medianTimesInterleaved(List<Body> bodies) throws Exception {
        for (int i = 0; i < warmups; i++) {
            for (Body b : bodies) {
                b.run();
            }
        }
        double[][] wall = new double[bodies.size()][measured];
        double[] cpuS = new double[bodies.size()];
        for (int i = 0; i < measured; i++) {
            for (int k = 0; k < bodies.size(); k++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                bodies.get(k).run();
                wall[k][i] = (System.nanoTime() - t0) * 1e-9;
                cpuS[k] += (processCpuNanos() - c0) * 1e-9;
            }
        }
        Times[] medians = new Times[bodies.size()];
        for (int k = 0; k < medians.length; k++) {
            medians[k] = new Times(median(wall[k]), cpuS[k] / measured);
        }
        return medians;
    }

    /** CPU time used by this JVM so far, all threads, in nanoseconds (-1 if the platform cannot tell). */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Median of the values (mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values: must not be empty");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }
}
