package org.fabricsim.cli.bench;

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

    /** Median events/s of {@code engine} with {@code pending} events, {@code eventsPerRound} events per round. */
    public static double eventsPerS(Engine engine, int pending, long eventsPerRound, Rounds rounds) throws Exception {
        try (HoldModel model = engine.create(pending)) {
            model.run(pending); // every primed event runs once: steady-state heap
            double[] sink = new double[1];
            double s = rounds.medianSeconds(() -> sink[0] += model.run(eventsPerRound));
            if (!(sink[0] > 0)) {
                throw new IllegalStateException("hold model did not advance time: " + engine);
            }
            return eventsPerRound / s;
        }
    }
}
