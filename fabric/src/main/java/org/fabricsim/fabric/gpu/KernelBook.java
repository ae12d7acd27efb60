package org.fabricsim.fabric.gpu;

import org.fabricsim.fabric.api.HostWait;
import org.fabricsim.fabric.api.KernelSequence;
import org.fabricsim.fabric.api.KernelWork;
import org.fabricsim.fabric.api.Work;

/**
 * A GPU fabric's kernel bookkeeping: each work's time on a GPU ({@link KernelModel}) and its kernels' HBM bytes
 * metered there ({@link HbmMeter}), kernel by kernel in order. Kernel sequences handed over again (a step's equal
 * layers share their phases' sequences) are timed by a look-up ({@link SequenceTimes}) and metered by adding the
 * bytes kept for them, the same doubles in the same order as walking them.
 */
final class KernelBook {
    private final KernelModel kernels;
    private final HbmMeter hbm;
    private final SequenceTimes sequenceTimes = new SequenceTimes();

    KernelBook(KernelModel kernels, HbmMeter hbm) {
        this.kernels = kernels;
        this.hbm = hbm;
    }

    /**
     * The slowest GPU's time over the works; a run of one work for consecutive GPUs (a tensor-parallel group's) is
     * timed once and its HBM bytes metered on every GPU of the run.
     */
    double slowestS(int[] gpus, Work[] work, int count) {
        if (count < 1 || count > gpus.length || count > work.length) {
            throw new IllegalArgumentException("count: must be in [1, " + gpus.length + "], got " + count);
        }
        double slowest = 0;
        for (int k = 0; k < count; ) {
            Work w = work[k];
            double s = seconds(w, gpus[k]);
            int end = k + 1;
            while (end < count && work[end] == w) {
                end++;
            }
            if (end > k + 1) {
                meterRun(w, gpus, k + 1, end);
            }
            // the run's GPUs all take s: the maximum over them is s
            slowest = Math.max(slowest, s);
            k = end;
        }
        return slowest;
    }

    /** Meters {@code work} on GPUs {@code gpus[from..to)}, a kept sequence's bytes on several GPUs at once. */
    private void meterRun(Work work, int[] gpus, int from, int to) {
        int kept = work instanceof KernelSequence sequence ? sequenceTimes.find(sequence) : -1;
        if (kept >= 0) {
            hbm.addAll(gpus, from, to, sequenceTimes.hbmBytes(kept));
            return;
        }
        for (int g = from; g < to; g++) {
            meter(work, gpus[g]);
        }
    }

    /** A kernel's or a sequence's time on one GPU, its HBM bytes metered there. */
    double seconds(Work work, int gpu) {
        if (work instanceof KernelWork k) {
            hbm.add(gpu, kernels.hbmTrafficBytes(k));
            return kernels.kernelS(k);
        }
        if (work instanceof KernelSequence sequence) {
            int kept = sequenceTimes.find(sequence);
            if (kept >= 0) {
                meter(sequenceTimes.hbmBytes(kept), gpu);
                return sequenceTimes.seconds(kept);
            }
            double s = 0;
            for (Work part : sequence.parts()) {
                s += seconds(part, gpu);
            }
            sequenceTimes.keep(sequence, s, hbmBytesInOrder(sequence));
            return s;
        }
        if (work instanceof HostWait wait) {
            return wait.seconds();
        }
        throw new IllegalArgumentException("work: a GPU runs kernels, got " + work.getClass().getSimpleName());
    }

    private void meter(Work work, int gpu) {
        if (work instanceof KernelWork k) {
            hbm.add(gpu, kernels.hbmTrafficBytes(k));
        } else if (work instanceof KernelSequence sequence) {
            int kept = sequenceTimes.find(sequence);
            if (kept >= 0) {
                meter(sequenceTimes.hbmBytes(kept), gpu);
                return;
            }
            for (Work part : sequence.parts()) {
                meter(part, gpu);
            }
        } else if (!(work instanceof HostWait)) {
            throw new IllegalArgumentException("work: a GPU runs kernels, got " + work.getClass().getSimpleName());
        }
    }

    /** Meters kernels' HBM bytes on the GPU one by one, as walking their sequence does. */
    private void meter(double[] hbmBytesInOrder, int gpu) {
        hbm.addAll(gpu, hbmBytesInOrder);
    }

    /** The HBM bytes of the sequence's kernels in the order {@link #meter(Work, int)} adds them. */
    private double[] hbmBytesInOrder(KernelSequence sequence) {
        double[] bytes = new double[kernelCount(sequence)];
        int n = appendHbmBytes(sequence, bytes, 0);
        assert n == bytes.length;
        return bytes;
    }

    private static int kernelCount(Work work) {
        if (work instanceof KernelSequence sequence) {
            int n = 0;
            for (Work part : sequence.parts()) {
                n += kernelCount(part);
            }
            return n;
        }
        return work instanceof KernelWork ? 1 : 0;
    }

    private int appendHbmBytes(Work work, double[] out, int n) {
        if (work instanceof KernelWork k) {
            out[n++] = kernels.hbmTrafficBytes(k);
        } else if (work instanceof KernelSequence sequence) {
            for (Work part : sequence.parts()) {
                n = appendHbmBytes(part, out, n);
            }
        }
        return n;
    }
}
