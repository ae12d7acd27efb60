package org.fabricsim.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs a fabricsim command in this JVM (a child started with the heap limit under test) and prints, as its
 * last line, {@code heap_after_gc_peak_bytes=N exit=RC}: the largest heap in use right after any collection,
 * summed over the heap pools. That is the reachable data at its largest plus old-generation garbage not yet
 * collected (an upper bound on the live set), unlike the pools' own peaks, which grow with the young
 * generation G1 chose, however little is live. Used by {@code fabricsim bench} for scenario_peak_heap_vs_requests.
 */
public final class HeapProbe {
    public static final String RESULT = "heap_after_gc_peak_bytes=";

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
                            .from((CompositeData) n.getUserData()).getGcInfo().getMemoryUsageAfterGc();
                    long used = after.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        int rc = org.fabricsim.cli.Main.commandLine().execute(args);
        Thread.sleep(500); // notifications arrive on a service thread
        System.out.println(RESULT + peak.get() + " exit=" + rc);
        System.out.flush();
        System.exit(rc);
    }
}
