package org.fabricsim.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Events per second of hold-model engines measured with plain timed {@link Rounds}. */
public final class HoldRates {
    private static final long SEED = 42;

    private HoldRates() {
    }

    /** The engines {@code fabricsim bench} compares: fabricsim's timeline and its two baselines. */
    public enum Engine {
        TIMELINE("timeline", TimelineHold::new),
        PRIORITY_QUEUE("priority_queue", PriorityQueueHold::new),
        PRIMITIVE_HEAP("primitive_heap", PrimitiveHeapHold::new);

        private final String id;
        private final BiFunction<Integer, Long, HoldModel> factory;

        Engine(String id, BiFunction<Integer, Long, HoldModel> factory) {
            this.id = id;
            this.factory = factory;
        }

        public String id() {
            return id;
        }

        HoldModel create(int pending) {
            return factory.apply(pending, SEED);
        }
    }

    /** Events per wall-clock second and per CPU second (whole process) of one engine. */
    public record Rate(double eventsPerWallS, double eventsPerCpuS) {
    }

    /**
     * Median rates of each engine with {@code pending} events, measured round-robin (see
     * {@link Rounds#medianTimesInterleaved}); in the order given.
     */
    public static Rate[] eventsPerS(List<Engine> engines, int pending, long eventsPerRound, Rounds rounds)
            throws Exception {
        List<HoldModel> models = new ArrayList<>();
        try {
            List<Rounds.Body> bodies = new ArrayList<>();
            double[] sink = new double[1];
            for (Engine e : engines) {
                HoldModel m = e.create(pending);
                models.add(m);
                m.run(pending); // every primed event runs once: steady-state heap
                bodies.add(() -> sink[0] += m.run(eventsPerRound));
            }
            Rounds.Times[] t = rounds.medianTimesInterleaved(bodies);
            if (!(sink[0] > 0)) {
                throw new IllegalStateException("hold models did not advance time: " + engines);
            }
            Rate[] rates = new Rate[t.length];
            for (int k = 0; k < t.length; k++) {
                rates[k] = new Rate(eventsPerRound / t[k].wallS(), eventsPerRound / t[k].cpuS());
            }
            return rates;
        } finally {
            models.forEach(HoldModel::close);
        }
    }
}
