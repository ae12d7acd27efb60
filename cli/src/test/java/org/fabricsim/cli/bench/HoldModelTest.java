package org.fabricsim.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Contract tests run over every hold-model engine. */
class HoldModelTest {

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("timeline", (BiFunction<Integer, Long, HoldModel>) TimelineHold::new),
                Arguments.of("priorityQueue", (BiFunction<Integer, Long, HoldModel>) PriorityQueueHold::new),
                Arguments.of("primitiveHeap", (BiFunction<Integer, Long, HoldModel>) PrimitiveHeapHold::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void run_anyNumberOfEvents_pendingCountUnchanged(String name, BiFunction<Integer, Long, HoldModel> factory) {
        try (HoldModel m = factory.apply(250, 7L)) {
            m.run(1);
            m.run(10_000);
            assertEquals(250, m.pending());
        }
    }

    /**
     * With n events pending, each rescheduled after an exponential delay of mean 1 s, events occur at
     * rate n per simulated second in steady state, so E events take about E / n seconds (within a few
     * percent for E / n = 2,000 delays per slot).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void run_steadyState_timeAdvancesByEventsOverPending(String name, BiFunction<Integer, Long, HoldModel> factory) {
        int pending = 100;
        long events = 200_000;
        try (HoldModel m = factory.apply(pending, 3L)) {
            m.run(pending);
            double t0 = m.run(0);
            double t1 = m.run(events);
            assertEquals((double) events / pending, t1 - t0, 0.05 * events / pending);
        }
    }

    @Test
    void run_sameSeed_allEnginesReachTheSameTime() {
        double timeline;
        double queue;
        double heap;
        try (HoldModel a = new TimelineHold(1_000, 11L); HoldModel b = new PriorityQueueHold(1_000, 11L);
                HoldModel c = new PrimitiveHeapHold(1_000, 11L)) {
            timeline = a.run(50_000);
            queue = b.run(50_000);
            heap = c.run(50_000);
        }
        assertEquals(queue, timeline, 0.0);
        assertEquals(queue, heap, 0.0);
    }

    @Test
    void holdDelays_meanOfExponential_isOneSecond() {
        HoldDelays d = new HoldDelays(5L);
        double sum = 0;
        int n = 1 << 16;
        for (int i = 0; i < n; i++) {
            sum += d.next();
        }
        // standard error of the mean of n unit exponentials is 1 / sqrt(n) = 0.004
        assertEquals(1.0, sum / n, 0.02);
    }
}
