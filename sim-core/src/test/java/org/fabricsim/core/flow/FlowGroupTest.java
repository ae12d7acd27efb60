package org.fabricsim.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fabricsim.core.timeline.Timeline;
import org.junit.jupiter.api.Test;

/**
 * A group of isolated equal flows run in closed form against the same flows started one by one: the same
 * completion time and the same metered bytes and busy time; and a link booked as a FIFO server.
 */
class FlowGroupTest {

    /** A network of two link classes: 4 links of 100 B/s (latency 0.5 s) and 2 of 40 B/s (latency 0.25 s). */
    private static final class Bench {
        final Timeline timeline = new Timeline();
        final FlowNetwork net = new FlowNetwork(timeline);
        final int fast = net.addLinks(4, net.linkClass("fast"), 100, 0.5);
        final int slow = net.addLinks(2, net.linkClass("slow"), 40, 0.25);
        double doneAtS = Double.NaN;

        double run(FlowGroup g, boolean isolated, double startS) {
            timeline.at(startS, () -> {
                Runnable done = () -> doneAtS = timeline.now();
                if (isolated) {
                    net.transferIsolatedGroup(g, done);
                } else {
                    net.transferGroup(g, done);
                }
            });
            timeline.run();
            return doneAtS;
        }
    }

    /** Every flow 1000 B; two on fast+slow (slow splits 40 in 20 each), one on fast alone, tails on two. */
    private static FlowGroup equalGroup(Bench b) {
        int[][] routes = {
            {b.fast, b.slow}, {b.fast + 1, b.slow}, {b.fast + 2}, {b.fast + 3, b.slow + 1},
        };
        return new FlowGroup(routes, new long[] {1000, 1000, 1000, 1000}, 4, new double[] {0, 0.125, 0, 3.0});
    }

    @Test
    void isolatedEqualGroup_completesWhenItsFlowsDo_andMetersTheSameBytesAndBusyTime() {
        Bench asFlows = new Bench();
        Bench closed = new Bench();
        double tFlows = asFlows.run(equalGroup(asFlows), false, 2.0);
        double tClosed = closed.run(equalGroup(closed), true, 2.0);
        // slowest: 1000 B at 20 B/s = 50 s, plus 0.75 s latency, plus its 0.125 s tail, after the start at 2 s
        assertEquals(2.0 + 0.75 + 50 + 0.125, tFlows, 1e-9);
        assertEquals(tFlows, tClosed, 1e-12 * tFlows);
        assertEquals(2, closed.timeline.eventsExecuted(), "the start and one event for the group");
        assertSameUsage(asFlows.net, closed.net);
        for (int l = 0; l < asFlows.net.linkCount(); l++) {
            assertEquals(asFlows.net.bytesCarried(l), closed.net.bytesCarried(l), 1e-9, "link " + l);
        }
    }

    /**
     * Random equal groups: every flow carries the same bytes at one rate r, set by its own bottleneck link
     * (bandwidth c x r for its c flows); the flows also cross wider links shared at random (bandwidth at
     * least their flows x r, so no flow goes slower there) and have random latencies and tails. The closed
     * form must complete when the flows do and meter what they do.
     */
    @Test
    void randomIsolatedEqualGroups_completeAndMeterAsTheirFlows() {
        Random rng = new Random(18);
        for (int instance = 0; instance < 200; instance++) {
            long seed = rng.nextLong();
            RandomGroup asFlows = new RandomGroup(seed);
            RandomGroup closed = new RandomGroup(seed);
            double tFlows = asFlows.run(false);
            double tClosed = closed.run(true);
            String at = "instance " + instance;
            assertEquals(2, closed.timeline.eventsExecuted(), at + ": runs in closed form");
            assertEquals(tFlows, tClosed, 1e-12 * tFlows, at);
            assertSameUsage(asFlows.net, closed.net);
            for (int l = 0; l < asFlows.net.linkCount(); l++) {
                double carried = asFlows.net.bytesCarried(l);
                assertEquals(carried, closed.net.bytesCarried(l), 1e-12 * Math.max(1, carried), at + " link " + l);
            }
        }
    }

    /**
     * A group whose flows each cross one link has a short closed form; on random such groups (links of random
     * bandwidths and latencies, random bytes and tails, each flow on a link of its own or some sharing one) it is the
     * general closed form to the last bit: completion, links in order, bytes, flow counts and busy times.
     */
    @Test
    void singleLinkGroups_closedForm_isTheGeneralClosedFormToTheBit() {
        Random rng = new Random(21);
        FlowGroup.Scratch scratch = new FlowGroup.Scratch();
        for (int instance = 0; instance < 2000; instance++) {
            int links = 1 + rng.nextInt(40);
            double[] bandwidth = new double[links];
            double[] latency = new double[links];
            for (int l = 0; l < links; l++) {
                bandwidth[l] = Math.pow(10, 6 + 6 * rng.nextDouble());
                latency[l] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * 1e-5;
            }
            int flows = 1 + rng.nextInt(links);
            List<Integer> order = new ArrayList<>();
            for (int l = 0; l < links; l++) {
                order.add(l);
            }
            java.util.Collections.shuffle(order, rng);
            boolean share = rng.nextInt(4) == 0;
            int[][] routes = new int[flows][];
            long[] bytes = new long[flows];
            double[] tails = rng.nextBoolean() ? null : new double[flows];
            long equal = rng.nextInt(1 << 24);
            for (int f = 0; f < flows; f++) {
                routes[f] = new int[] {share ? order.get(rng.nextInt(Math.min(3, links))) : order.get(f)};
                bytes[f] = share ? equal : rng.nextInt(1 << 24);
                if (tails != null) {
                    tails[f] = rng.nextDouble() * 1e-6;
                }
            }
            FlowGroup g = new FlowGroup(routes, bytes, flows, tails);
            FlowGroup.ClosedForm general = FlowGroup.ClosedForm.general(g, bandwidth, latency, scratch);
            FlowGroup.ClosedForm closed = FlowGroup.ClosedForm.of(g, bandwidth, latency, scratch);
            String at = "instance " + instance;
            assertEquals(Double.doubleToLongBits(general.finishS()), Double.doubleToLongBits(closed.finishS()), at);
            assertTrue(java.util.Arrays.equals(general.links(), closed.links()), at);
            assertTrue(java.util.Arrays.equals(general.bytes(), closed.bytes()), at);
            assertTrue(java.util.Arrays.equals(general.flows(), closed.flows()), at);
            assertTrue(java.util.Arrays.equals(general.busyS(), closed.busyS()), at);
        }
        assertTrue(java.util.Arrays.stream(scratch.linkFlows).allMatch(c -> c == 0), "scratch left zero");
    }

    private static final class RandomGroup {
        final Timeline timeline = new Timeline();
        final FlowNetwork net = new FlowNetwork(timeline);
        final FlowGroup group;
        final double startS;
        double doneAtS = Double.NaN;

        RandomGroup(long seed) {
            Random rng = new Random(seed);
            int cls = net.linkClass(rng.nextBoolean() ? "a" : "b");
            int other = net.linkClass("c");
            double rate = 1 + rng.nextDouble() * 1e3;
            long bytes = 1 + rng.nextInt(1 << 20);
            int bottlenecks = 1 + rng.nextInt(5);
            List<int[]> routes = new ArrayList<>();
            for (int b = 0; b < bottlenecks; b++) {
                int flows = 1 + rng.nextInt(4);
                int link = net.addLink(cls, flows * rate, rng.nextDouble() * 1e-3);
                for (int f = 0; f < flows; f++) {
                    routes.add(new int[] {link});
                }
            }
            int wide = rng.nextInt(4);
            for (int w = 0; w < wide; w++) {
                List<Integer> crossing = new ArrayList<>();
                for (int f = 0; f < routes.size(); f++) {
                    if (rng.nextBoolean()) {
                        crossing.add(f);
                    }
                }
                if (crossing.isEmpty()) {
                    continue;
                }
                int link = net.addLink(other, crossing.size() * rate * (1 + rng.nextDouble()), rng.nextDouble() * 1e-3);
                for (int f : crossing) {
                    int[] r = routes.get(f);
                    int[] longer = Arrays.copyOf(r, r.length + 1);
                    longer[r.length] = link;
                    routes.add(f, longer);
                    routes.remove(f + 1);
                }
            }
            int n = routes.size();
            long[] sizes = new long[n];
            Arrays.fill(sizes, bytes);
            double[] tails = rng.nextBoolean() ? null : rng.doubles(n, 0, 1e-2).toArray();
            group = new FlowGroup(routes.toArray(new int[0][]), sizes, n, tails);
            startS = rng.nextDouble();
        }

        double run(boolean isolated) {
            timeline.at(startS, () -> {
                Runnable done = () -> doneAtS = timeline.now();
                if (isolated) {
                    net.transferIsolatedGroup(group, done);
                } else {
                    net.transferGroup(group, done);
                }
            });
            timeline.run();
            return doneAtS;
        }
    }

    @Test
    void unequalGroup_runsAsFlows_whenAskedForTheFastPath() {
        Bench asFlows = new Bench();
        Bench asked = new Bench();
        int[][] routes = {{asFlows.slow}, {asFlows.slow}};
        long[] bytes = {1000, 3000};
        double tFlows = asFlows.run(new FlowGroup(routes, bytes, 2, null), false, 0);
        double tAsked = asked.run(new FlowGroup(routes, bytes, 2, null), true, 0);
        // 20 B/s each until the first ends at 50 s, then 2000 B at 40 B/s: 100 s, plus 0.25 s latency
        assertEquals(100.25, tFlows, 1e-9);
        assertEquals(tFlows, tAsked, 0);
        assertSameUsage(asFlows.net, asked.net);
    }

    @Test
    void isolatedGroup_onALinkCarryingAFlow_runsAsFlowsAndShares() {
        Bench b = new Bench();
        b.net.transfer(new int[] {b.slow}, 1000, f -> { });
        double t = b.run(new FlowGroup(new int[][] {{b.slow}}, new long[] {1000}, 1, null), true, 0);
        assertEquals(50.25, t, 1e-9); // 20 B/s each: it shared the link
    }

    @Test
    void flowStartingOnALinkAnIsolatedGroupHolds_isRefused() {
        Bench b = new Bench();
        b.net.transferIsolatedGroup(new FlowGroup(new int[][] {{b.fast}}, new long[] {1000}, 1, null), () -> { });
        assertThrows(IllegalStateException.class, () -> b.net.transfer(new int[] {b.fast}, 1, f -> { }));
        b.net.transfer(new int[] {b.fast + 1}, 1, f -> { }); // another link is free
        b.timeline.at(10.0, () -> b.net.transfer(new int[] {b.fast}, 1, f -> { })); // free once its last byte left
        b.timeline.run();
    }

    @Test
    void bookedTransfers_queueFifo_andMeterAsAFlowAloneOnTheLink() {
        Bench asFlow = new Bench();
        asFlow.net.transfer(new int[] {asFlow.slow}, 1000, f -> { });
        asFlow.timeline.run();
        Bench booked = new Bench();
        assertEquals(25.25, booked.net.bookTransfer(booked.slow, 1000, 0), 1e-12);
        assertEquals(50.25, booked.net.bookTransfer(booked.slow, 1000, 10), 1e-12, "waits for the first");
        assertEquals(90.25, booked.net.bookTransfer(booked.slow, 1000, 65), 1e-12, "starts on arrival");
        LinkClassUsage slow = booked.net.usage().get(1);
        assertEquals(3000, slow.bytesCarried(), 0);
        assertEquals(1, slow.meanConcurrentFlows(), 1e-12);
        assertThrows(IllegalStateException.class, () -> asFlowWithOneSending().bookTransfer(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> booked.net.bookTransfer(booked.slow, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> booked.net.bookTransfer(99, 1, 0));
        // one flow of 1000 B on the slow link: the same bytes and 25 s busy as one booking
        LinkClassUsage one = asFlow.net.usage().get(1);
        Bench single = new Bench();
        single.net.bookTransfer(single.slow, 1000, 0);
        single.timeline.at(asFlow.timeline.now(), () -> { });
        single.timeline.run();
        LinkClassUsage u = single.net.usage().get(1);
        assertEquals(one.busyFraction(), u.busyFraction(), 1e-12);
        assertEquals(one.meanUtilization(), u.meanUtilization(), 1e-12);
        assertEquals(one.bytesCarried(), u.bytesCarried(), 1e-9);
    }

    private static FlowNetwork asFlowWithOneSending() {
        Bench b = new Bench();
        b.net.transfer(new int[] {0}, 1000, f -> { });
        return b.net;
    }

    @Test
    void group_withBadArguments_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FlowGroup(new int[0][], new long[0], 0, null));
        assertThrows(IllegalArgumentException.class, () -> new FlowGroup(new int[][] {{0}}, new long[] {-1}, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new FlowGroup(new int[][] {{0}}, new long[] {1}, 1, new double[] {-1}));
    }

    private static void assertSameUsage(FlowNetwork a, FlowNetwork b) {
        List<LinkClassUsage> ua = a.usage();
        List<LinkClassUsage> ub = b.usage();
        assertEquals(ua.size(), ub.size());
        for (int c = 0; c < ua.size(); c++) {
            LinkClassUsage x = ua.get(c);
            LinkClassUsage y = ub.get(c);
            assertEquals(x.busyFraction(), y.busyFraction(), 1e-12, x.linkClass());
            assertEquals(x.meanUtilization(), y.meanUtilization(), 1e-12, x.linkClass());
            assertEquals(x.peakUtilization(), y.peakUtilization(), 1e-12, x.linkClass());
            assertEquals(x.meanConcurrentFlows(), y.meanConcurrentFlows(), 1e-12, x.linkClass());
            assertEquals(x.bytesCarried(), y.bytesCarried(), 1e-9, x.linkClass());
        }
    }
}
