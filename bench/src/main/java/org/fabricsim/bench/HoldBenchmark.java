package org.fabricsim.bench;

import org.fabricsim.cli.bench.HoldModel;
import org.fabricsim.cli.bench.PrimitiveHeapHold;
import org.fabricsim.cli.bench.PriorityQueueHold;
import org.fabricsim.cli.bench.TimelineHold;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Event-engine throughput on the hold model: events per second (the score is ops/s, one op = one event)
 * for every engine at 1,000 and 100,000 pending events. Run with {@code -prof gc} for bytes per event
 * ({@code gc.alloc.rate.norm}, which JMH already divides by the operations per invocation).
 */
public class HoldBenchmark extends FabricsimBenchmark {
    /** Events per benchmark invocation: large enough that DSOL's start/stop hand-off (about 1 ms) is below 1%. */
    public static final int EVENTS = 200_000;
    private static final long SEED = 42;

    @Param({"primitiveHeap", "priorityQueue", "timeline", "dsolDefault", "dsolNoTrace", "dsolNoTraceNoTimeChanged",
        "dsolNoTraceNoTimeChangedHeap"})
    public String engine;

    @Param({"1000", "100000"})
    public int pending;

    private HoldModel model;

    @Setup(Level.Trial)
    public void setUp() {
        model = create(engine, pending);
        model.run(pending); // every primed event has run once: the heap is in its steady state
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double hold() {
        return model.run(EVENTS);
    }

    static HoldModel create(String engine, int pending) {
        return switch (engine) {
            case "primitiveHeap" -> new PrimitiveHeapHold(pending, SEED);
            case "priorityQueue" -> new PriorityQueueHold(pending, SEED);
            case "timeline" -> new TimelineHold(pending, SEED);
            case "dsolDefault" -> new DsolHold(DsolHold.Variant.DEFAULT, pending, SEED);
            case "dsolNoTrace" -> new DsolHold(DsolHold.Variant.NO_TRACE, pending, SEED);
            case "dsolNoTraceNoTimeChanged" -> new DsolHold(DsolHold.Variant.NO_TRACE_NO_TIME_CHANGED, pending, SEED);
            case "dsolNoTraceNoTimeChangedHeap" ->
                new DsolHold(DsolHold.Variant.NO_TRACE_NO_TIME_CHANGED_HEAP, pending, SEED);
            default -> throw new IllegalArgumentException("engine: unknown, got '" + engine + "'");
        };
    }
}
