package org.fabricsim.core.flow;

import java.util.Arrays;
import java.util.function.Consumer;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.core.timeline.TimelineEvent;

/**
 * Recomputes flow rates after starts and ends: gathers the connected component (flows joined by shared
 * links) that the changes touch, feeds it to a {@link MaxMinSolver}, and moves a flow's last-byte event
 * only if its rate changed.
 *
 * <p>Starts and ends in one instant are batched: they mark flows and links dirty and one recompute runs
 * at the same simulated time at {@link Timeline#LATE} priority (or earlier, on demand, through
 * {@link #flush}). Rates are piecewise constant between instants, so results are exact.
 */
final class RateRecompute {
    /** Last-byte events run before ordinary events of the same instant, so those see the link freed. */
    static final short SEND_DONE_PRIORITY = Timeline.EARLY;
    /** One recompute per instant, after every start and end of that instant. */
    static final short RECOMPUTE_PRIORITY = Timeline.LATE;
    /** A new rate within this relative distance of the old one keeps the old rate and its event. */
    static final double SAME_RATE_TOLERANCE = 1e-12;
    /** Flows within this relative distance above the floor are re-solved rather than fixed (rounding). */
    static final double FIXED_MARGIN = 1e-9;

    private final Timeline timeline;
    private final FlowLinks links;
    private final LinkUsageMeter meter;
    private final Consumer<ActiveFlow> lastByteSent;
    private final MaxMinSolver solver = new MaxMinSolver();

    private ActiveFlow[] dirtyFlows = new ActiveFlow[16];
    private int dirtyFlowCount;
    private int[] dirtyLinks = new int[16];
    private int dirtyLinkCount;
    /** Rates of flows that ended in this instant, lowest; flows below it and below new flows' floors keep their rates. */
    private double endedRateFloor = Double.POSITIVE_INFINITY;
    private TimelineEvent recomputeEvent;

    // Component scratch, reused between recomputes.
    private int epoch;
    private double fixedBelowBytesPerS;
    private ActiveFlow[] compFlows = new ActiveFlow[64];
    private int compFlowCount;
    private int[] compLinks = new int[64];
    private int compLinkCount;

    private long recomputes;
    private long rateEvaluations;
    private long reschedules;

    /** {@code lastByteSent} runs when a flow's last-byte event, scheduled here, fires. */
    RateRecompute(Timeline timeline, FlowLinks links, LinkUsageMeter meter, Consumer<ActiveFlow> lastByteSent) {
        this.timeline = timeline;
        this.links = links;
        this.meter = meter;
        this.lastByteSent = lastByteSent;
    }

    long recomputes() {
        return recomputes;
    }

    long rateEvaluations() {
        return rateEvaluations;
    }

    long reschedules() {
        return reschedules;
    }

    /** A flow started on its links and needs a rate. */
    void flowStarted(ActiveFlow f) {
        if (dirtyFlowCount == dirtyFlows.length) {
            dirtyFlows = Arrays.copyOf(dirtyFlows, dirtyFlowCount * 2);
        }
        dirtyFlows[dirtyFlowCount++] = f;
        requestRecompute();
    }

    /** A flow of {@code rate} left its links. */
    void flowEnded(double rate) {
        endedRateFloor = Math.min(endedRateFloor, rate);
    }

    /** {@code link} lost a flow; the flows left on it may speed up. */
    void linkLostFlow(int link) {
        if (links.flowCount[link] == 0) {
            return;
        }
        if (dirtyLinkCount == dirtyLinks.length) {
            dirtyLinks = Arrays.copyOf(dirtyLinks, dirtyLinkCount * 2);
        }
        dirtyLinks[dirtyLinkCount++] = link;
        requestRecompute();
    }

    private void requestRecompute() {
        if (recomputeEvent == null) {
            recomputeEvent = timeline.at(timeline.now(), RECOMPUTE_PRIORITY, () -> {
                recomputeEvent = null;
                recompute();
            }, "flow rate recompute");
        }
    }

    /** Runs a pending recompute now (rates of flows started or touched in this instant become final). */
    void flush() {
        if (recomputeEvent != null) {
            timeline.cancel(recomputeEvent);
            recomputeEvent = null;
            recompute();
        }
    }

    private void recompute() {
        if (dirtyFlowCount == 0 && dirtyLinkCount == 0) {
            return;
        }
        recomputes++;
        gatherComponent();
        // Every flow solved here ends at or above the floor; starting there keeps rates positive.
        solver.solve(Double.isInfinite(fixedBelowBytesPerS) ? 0 : fixedBelowBytesPerS);
        applyRates();
        for (int i = 0; i < compLinkCount; i++) {
            links.componentIndex[compLinks[i]] = 0;
        }
        Arrays.fill(compFlows, 0, compFlowCount, null);
    }

    /**
     * Breadth-first over flows and links from the dirty flows and links, through the flows whose rate
     * can change, into the solver. Progressive filling with and without a flow g is identical below g's
     * rate, so when g ends, flows slower than g keep their rates; when g starts, flows slower than g's new
     * rate keep theirs, and that rate is at least min(cap, bandwidth / flows) over g's links (on its
     * bottleneck g is saturated and fastest). Flows below the lowest such bound in the batch are fixed:
     * they enter only as capacity taken from the links they share with the others. A link a flow has to
     * itself enters as the flow's cap.
     */
    private void gatherComponent() {
        epoch++;
        compFlowCount = 0;
        compLinkCount = 0;
        solver.clear();
        int[] flowCount = links.flowCount;
        double[] bandwidth = links.bandwidthBytesPerS;
        int[] sharedLinks = links.slotSharedLinks;
        double floor = endedRateFloor;
        for (int i = 0; i < dirtyFlowCount; i++) {
            ActiveFlow f = dirtyFlows[i];
            if (f.slot >= 0) {
                // Alone on every link, each term is bandwidth / 1: the narrowest link.
                double lowerBound = Math.min(f.maxRateBytesPerS, f.narrowestBytesPerS);
                if (sharedLinks[f.slot] > 0) {
                    lowerBound = f.maxRateBytesPerS;
                    for (int link : f.route) {
                        lowerBound = Math.min(lowerBound, bandwidth[link] / flowCount[link]);
                    }
                }
                floor = Math.min(floor, lowerBound);
            }
        }
        fixedBelowBytesPerS = floor * (1 - FIXED_MARGIN);
        for (int i = 0; i < dirtyFlowCount; i++) {
            ActiveFlow f = dirtyFlows[i];
            dirtyFlows[i] = null;
            if (f.slot >= 0 && links.slotMark[f.slot] != epoch) {
                addComponentFlow(f);
            }
        }
        int[] mark = links.slotMark;
        double[] scheduledRate = links.slotScheduledRate;
        double fixedBelow = fixedBelowBytesPerS;
        for (int i = 0; i < dirtyLinkCount; i++) {
            int link = dirtyLinks[i];
            for (int j = 0, n = flowCount[link]; j < n; j++) {
                int s = links.slotOn(link, j);
                if (mark[s] != epoch && !(scheduledRate[s] < fixedBelow)) {
                    addComponentFlow(links.flowIn(s));
                }
            }
        }
        dirtyFlowCount = 0;
        dirtyLinkCount = 0;
        endedRateFloor = Double.POSITIVE_INFINITY;
        int nextFlow = 0;
        int nextLink = 0;
        while (nextFlow < compFlowCount || nextLink < compLinkCount) {
            while (nextFlow < compFlowCount) {
                ActiveFlow f = compFlows[nextFlow++];
                if (sharedLinks[f.slot] == 0) {
                    // Every link is its own: the cap is the narrowest, and it brings no link into the component.
                    f.privateCapBytesPerS = Math.min(f.privateCapBytesPerS, f.narrowestBytesPerS);
                    solver.addFlow(f.privateCapBytesPerS);
                    continue;
                }
                // Flows are walked in index order, so this is the solver's flow compFlows[i]; its shared links are
                // its incidences in route order (each already in the component or added to it here).
                solver.addFlow(f.privateCapBytesPerS);
                double cap = f.privateCapBytesPerS;
                int[] componentIndex = links.componentIndex;
                for (int link : f.route) {
                    if (flowCount[link] == 1) {
                        cap = Math.min(cap, bandwidth[link]);
                    } else {
                        int k = componentIndex[link];
                        if (k == 0) {
                            k = addComponentLink(link);
                        }
                        solver.addIncidenceOfLinkToCome(k - 1);
                    }
                }
                f.privateCapBytesPerS = cap;
                solver.capLastFlow(cap);
            }
            // Links are taken in index order, so the solver's link k is compLinks[k].
            while (nextLink < compLinkCount) {
                int link = compLinks[nextLink++];
                double remaining = bandwidth[link];
                int[] onLink = links.flowSlots[link];
                for (int i = 0, n = flowCount[link]; i < n; i++) {
                    int s = onLink[i];
                    double r = scheduledRate[s];
                    if (r < fixedBelow) {
                        remaining -= r;
                    } else if (mark[s] != epoch) {
                        addComponentFlow(links.flowIn(s));
                    }
                }
                solver.addLink(remaining);
            }
        }
    }

    private void addComponentFlow(ActiveFlow f) {
        links.slotMark[f.slot] = epoch;
        f.privateCapBytesPerS = f.maxRateBytesPerS;
        if (compFlowCount == compFlows.length) {
            compFlows = Arrays.copyOf(compFlows, compFlowCount * 2);
        }
        compFlows[compFlowCount++] = f;
    }

    /** Adds {@code link} to the component; returns its 1 + index there. */
    private int addComponentLink(int link) {
        int k = compLinkCount++;
        if (k == compLinks.length) {
            compLinks = Arrays.copyOf(compLinks, k * 2);
        }
        compLinks[k] = link;
        links.componentIndex[link] = k + 1;
        return k + 1;
    }

    private void applyRates() {
        double now = timeline.now();
        rateEvaluations += compFlowCount;
        for (int i = 0; i < compFlowCount; i++) {
            ActiveFlow f = compFlows[i];
            f.rateEvaluations++;
            double r = solver.rate(i);
            if (f.sendDone != null && Math.abs(r - f.rate) <= SAME_RATE_TOLERANCE * f.rate) {
                continue;
            }
            f.settle(now, meter);
            f.rate = r;
            if (f.sendDone != null) {
                timeline.cancel(f.sendDone);
            }
            if (f.lastByteAction == null) {
                f.lastByteAction = () -> lastByteSent.accept(f);
            }
            double end = now + f.remainingBytes / r;
            f.sendDone = timeline.at(end, SEND_DONE_PRIORITY, f.lastByteAction, "last byte of flow");
            links.slotScheduledRate[f.slot] = r;
            f.schedules++;
            reschedules++;
        }
    }
}
