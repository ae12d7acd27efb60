package org.fabricsim.bench;

import java.util.concurrent.Semaphore;
import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.Executable;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import nl.tudelft.simulation.dsol.model.AbstractDsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;
import nl.tudelft.simulation.dsol.simulators.DevsSimulatorInterface;
import nl.tudelft.simulation.dsol.simulators.SimulatorInterface;
import org.fabricsim.cli.bench.HoldDelays;
import org.fabricsim.cli.bench.HoldModel;

/**
 * The hold model on DSOL 4.3.2's own DevsSimulator&lt;Double&gt;, run the way a DSOL user runs it
 * ({@code initialize}, lambda events through {@code scheduleEventRel}, {@code start} on DSOL's worker
 * thread), with DSOL's per-event costs removed one at a time to see where the time goes.
 */
public final class DsolHold implements HoldModel {

    /** Which of DSOL's per-event costs are kept; each variant removes one more than the previous. */
    public enum Variant {
        /** DSOL as shipped: RedBlackTree (TreeSet), trace string per scheduled event, TIME_CHANGED per event. */
        DEFAULT(false, false, false),
        /** {@code scheduleEvent} overridden to skip {@code CategoryLogger.trace("new event: {}", event.toString())}. */
        NO_TRACE(true, false, false),
        /** ...and a run loop that does not fire TIME_CHANGED_EVENT (a TimedEvent allocation per event). */
        NO_TRACE_NO_TIME_CHANGED(true, true, false),
        /** ...and an unsynchronized java.util.PriorityQueue event list instead of the synchronized TreeSet. */
        NO_TRACE_NO_TIME_CHANGED_HEAP(true, true, true);

        final boolean skipTrace;
        final boolean skipTimeChanged;
        final boolean heapList;

        Variant(boolean skipTrace, boolean skipTimeChanged, boolean heapList) {
            this.skipTrace = skipTrace;
            this.skipTimeChanged = skipTimeChanged;
            this.heapList = heapList;
        }
    }

    private final VariantSimulator simulator;
    private final HoldDelays delays;
    private final Semaphore stopped = new Semaphore(0);
    private final Executable action = this::fire;
    private long remaining;

    public DsolHold(Variant variant, int pending, long seed) {
        String id = "hold-" + variant + "-" + pending + "-" + System.identityHashCode(this);
        this.simulator = new VariantSimulator(id, variant);
        this.delays = new HoldDelays(seed);
        simulator.initialize(new EmptyModel(simulator), new SingleReplication<>(id, 0.0, 0.0, 1e300));
        simulator.addListener(event -> stopped.release(), SimulatorInterface.STOP_EVENT);
        for (int i = 0; i < pending; i++) {
            simulator.scheduleEventRel(delays.next(), action);
        }
    }

    private void fire() {
        simulator.scheduleEventRel(delays.next(), action);
        if (--remaining == 0) {
            simulator.stop();
        }
    }

    @Override
    public double run(long events) {
        if (events <= 0) {
            return simulator.getSimulatorTime();
        }
        remaining = events;
        simulator.start();
        stopped.acquireUninterruptibly();
        return simulator.getSimulatorTime();
    }

    @Override
    public int pending() {
        return simulator.getEventList().size() - 1; // DSOL's own endReplication event
    }

    @Override
    public void close() {
        simulator.cleanUp();
    }

    /** DSOL's DevsSimulator with the chosen costs removed; everything else (worker thread, locks) is DSOL's. */
    private static final class VariantSimulator extends DevsSimulator<Double> {
        private static final long serialVersionUID = 1L;
        private final transient Variant variant;

        VariantSimulator(String id, Variant variant) {
            super(id);
            this.variant = variant;
            if (variant.heapList) {
                this.eventList = new PriorityQueueEventList();
            }
        }

        @Override
        public SimEventInterface<Double> scheduleEvent(SimEventInterface<Double> event) {
            if (!variant.skipTrace) {
                return super.scheduleEvent(event);
            }
            synchronized (semaphore) {
                if (event.getAbsoluteExecutionTime() < simulatorTime) {
                    throw new IllegalStateException("cannot schedule " + event + " in the past");
                }
                eventList.add(event);
                return event;
            }
        }

        /** DSOL 4.3.2's DevsSimulator.run() minus the TIME_CHANGED_EVENT, when the variant says so. */
        @Override
        public void run() {
            if (!variant.skipTimeChanged) {
                super.run();
                return;
            }
            this.runflag = true;
            while (!isStoppingOrStopped()) {
                synchronized (semaphore) {
                    int cmp = eventList.isEmpty() ? 2
                            : eventList.first().getAbsoluteExecutionTime().compareTo(runUntilTime);
                    if ((cmp == 0 && !runUntilIncluding) || cmp > 0) {
                        simulatorTime = runUntilTime;
                        runState = nl.tudelft.simulation.dsol.simulators.RunState.STOPPING;
                        break;
                    }
                    SimEventInterface<Double> event = eventList.removeFirst();
                    simulatorTime = event.getAbsoluteExecutionTime();
                    try {
                        event.execute();
                        checkStoppingCondition();
                    } catch (Exception exception) {
                        handleSimulationException(exception);
                    }
                }
            }
        }
    }

    /** DSOL event list on java.util.PriorityQueue (DSOL's own compareTo: time, priority, id); O(n) remove. */
    private static final class PriorityQueueEventList implements EventListInterface<Double> {
        private final java.util.PriorityQueue<SimEventInterface<Double>> queue = new java.util.PriorityQueue<>();

        @Override
        public void add(SimEventInterface<Double> event) {
            queue.add(event);
        }

        @Override
        public boolean contains(SimEventInterface<Double> event) {
            return queue.contains(event);
        }

        @Override
        public void clear() {
            queue.clear();
        }

        @Override
        public boolean isEmpty() {
            return queue.isEmpty();
        }

        @Override
        public java.util.Iterator<SimEventInterface<Double>> iterator() {
            return queue.iterator();
        }

        @Override
        public boolean remove(SimEventInterface<Double> event) {
            return queue.remove(event);
        }

        @Override
        public int size() {
            return queue.size();
        }

        @Override
        public SimEventInterface<Double> first() {
            return queue.peek();
        }

        @Override
        public SimEventInterface<Double> removeFirst() {
            return queue.poll();
        }
    }

    /** DSOL requires a model to initialize a simulator; the hold model needs none. */
    private static final class EmptyModel extends AbstractDsolModel<Double, DevsSimulatorInterface<Double>> {
        private static final long serialVersionUID = 1L;

        EmptyModel(DevsSimulatorInterface<Double> simulator) {
            super(simulator);
        }

        @Override
        public void constructModel() {
        }
    }
}
