package org.fabricsim.fabric.gpu;

import org.fabricsim.core.flow.LinkClassUsage;

/**
 * Bytes each GPU's kernels moved through its HBM, for the {@code hbm} row of utilization.csv. HBM is a roofline
 * term of the kernels rather than a link, so this is what was read and written, not a contention model.
 */
public final class HbmMeter {
    private final double[] bytes;

    public HbmMeter(int gpus) {
        this.bytes = new double[gpus];
    }

    /** Adds {@code hbmBytes} moved by a kernel on GPU {@code gpu}. */
    public void add(int gpu, double hbmBytes) {
        bytes[gpu] += hbmBytes;
    }

    /**
     * Adds each of {@code hbmBytesInOrder}, kernel by kernel in its order, as that many {@link #add} calls do: the
     * running sum is kept in a local while it grows, so each add waits on the last add only, not on a store.
     */
    public void addAll(int gpu, double[] hbmBytesInOrder) {
        double sum = bytes[gpu];
        for (double b : hbmBytesInOrder) {
            sum += b;
        }
        bytes[gpu] = sum;
    }

    /**
     * {@link #addAll(int, double[])} on each of GPUs {@code gpus[from..to)} in turn. Four distinct GPUs at a time
     * keep four sums that grow side by side (each GPU's adds still in the kernels' order), so the adds of one do not
     * wait on another's.
     */
    public void addAll(int[] gpus, int from, int to, double[] hbmBytesInOrder) {
        int g = from;
        for (; g + 4 <= to; g += 4) {
            int g0 = gpus[g];
            int g1 = gpus[g + 1];
            int g2 = gpus[g + 2];
            int g3 = gpus[g + 3];
            if (g0 == g1 || g0 == g2 || g0 == g3 || g1 == g2 || g1 == g3 || g2 == g3) {
                // a GPU twice: its second sum must start from its first
                addAll(g0, hbmBytesInOrder);
                addAll(g1, hbmBytesInOrder);
                addAll(g2, hbmBytesInOrder);
                addAll(g3, hbmBytesInOrder);
                continue;
            }
            double s0 = bytes[g0];
            double s1 = bytes[g1];
            double s2 = bytes[g2];
            double s3 = bytes[g3];
            for (double b : hbmBytesInOrder) {
                s0 += b;
                s1 += b;
                s2 += b;
                s3 += b;
            }
            bytes[g0] = s0;
            bytes[g1] = s1;
            bytes[g2] = s2;
            bytes[g3] = s3;
        }
        for (; g < to; g++) {
            addAll(gpus[g], hbmBytesInOrder);
        }
    }

    /** Bytes GPU {@code gpu}'s kernels moved so far. */
    public double bytes(int gpu) {
        return bytes[gpu];
    }

    /** Total bytes moved by every GPU's HBM. */
    public double totalBytes() {
        double t = 0;
        for (double b : bytes) {
            t += b;
        }
        return t;
    }

    /**
     * Seconds the GPUs' kernels were HBM-bound over [0, elapsedS], summed over GPUs: bytes / achievable bandwidth,
     * at most the span each (the busy time the energy meter charges busy power for).
     */
    public double busySeconds(double elapsedS, double achievedBytesPerS) {
        double s = 0;
        for (double b : bytes) {
            s += Math.min(elapsedS, b / achievedBytesPerS);
        }
        return s;
    }

    /**
     * Utilisation over [0, elapsedS]: per GPU, bytes / (elapsed x peak bandwidth) (meanUtilization, peakUtilization)
     * and bytes / (elapsed x achievable bandwidth) capped at 1 (busyFraction: the time its kernels were HBM-bound).
     */
    public LinkClassUsage usage(double elapsedS, double peakBytesPerS, double achievedBytesPerS) {
        return usage(bytes.length, elapsedS, peakBytesPerS, achievedBytesPerS);
    }

    /** {@link #usage(double, double, double)} of GPUs 0..gpus-1 only (a deployment's); the others must be idle. */
    public LinkClassUsage usage(int gpus, double elapsedS, double peakBytesPerS, double achievedBytesPerS) {
        if (gpus < 1 || gpus > bytes.length) {
            throw new IllegalArgumentException("gpus: must be in [1, " + bytes.length + "], got " + gpus);
        }
        for (int g = gpus; g < bytes.length; g++) {
            if (bytes[g] != 0) {
                throw new IllegalArgumentException("gpus: GPU " + g + " is left out but moved " + bytes[g] + " bytes");
            }
        }
        int n = gpus;
        if (!(elapsedS > 0)) {
            return new LinkClassUsage("hbm", n, 0, 0, 0, 0, totalBytes());
        }
        double busy = 0;
        double mean = 0;
        double peak = 0;
        for (int g = 0; g < gpus; g++) {
            double b = bytes[g];
            double u = b / (elapsedS * peakBytesPerS);
            mean += u;
            peak = Math.max(peak, u);
            busy += Math.min(1, b / (elapsedS * achievedBytesPerS));
        }
        return new LinkClassUsage("hbm", n, busy / n, mean / n, peak, busy > 0 ? 1 : 0, totalBytes());
    }
}
