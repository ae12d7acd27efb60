package org.fabricsim.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap figures from the JVM's memory pools. The peak is the sum of every heap pool's own peak since the
 * last reset, an upper bound on the true peak (pools peak at different moments) that includes garbage
 * not yet collected; the retained figure is the heap in use after a full collection.
 */
public final class HeapUsage {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();

    /** Starts a new peak measurement. */
    public void resetPeak() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peak usage since {@link #resetPeak()}, in bytes. */
    public long peakBytes() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Heap in use after a requested full collection, in bytes (what is still reachable, approximately). */
    public long retainedBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
