package org.fabricsim.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Parallel sweep points share the JVM, so what they construct concurrently must not race. Unguarded,
 * DSOL's Simulator constructor (which rewrites djutils' static CategoryLogger) threw a
 * NullPointerException in 0 to 6 of 12,000 simultaneous constructions in a fresh JVM: a probabilistic
 * check, which can pass by luck without the guard but cannot fail with it.
 */
class TimelineConstructionThreadSafetyTest {
    @Test
    void timeline_fourThreadsConstructingAtOnce_noneFails() throws Exception {
        int threads = 4;
        int rounds = 3000;
        CyclicBarrier together = new CyclicBarrier(threads);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            workers[k] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    try {
                        together.await();
                        new Timeline("t");
                    } catch (Exception | Error e) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                }
            });
            workers[k].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, failures.get(), () -> "first failure: " + first.get());
    }
}
