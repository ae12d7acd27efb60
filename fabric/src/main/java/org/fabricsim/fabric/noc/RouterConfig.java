package org.fabricsim.fabric.noc;

/**
 * One mesh router and its links, in cycles: the classic virtual-channel router pipeline (route
 * computation, VC allocation, switch allocation, switch traversal; Dally and Towles, "Principles and
 * Practices of Interconnection Networks", ch. 16) followed by a link traversal. Stages are pipelined:
 * a router accepts one flit per input port and sends one per output port every cycle whatever the
 * stage delays; the delays only add latency. Route computation and VC allocation are paid by head
 * flits only; body flits follow their head one cycle apart. The core reaches its router over an
 * injection channel and is reached over an ejection channel; a credit leaves a router
 * {@code creditDelayCycles} after its flit and crosses the link back. The switch allocator is separable
 * (input first) with {@code switchAllocIterations} iterations, and {@code vcRelease} says when an output
 * VC held by a packet is free again.
 *
 * @param routingCycles          route computation delay of a head flit
 * @param vcAllocCycles          virtual-channel allocation delay of a head flit
 * @param switchAllocCycles      switch allocation delay of every flit
 * @param switchTraversalCycles  crossbar traversal delay of every flit
 * @param linkCycles             wire delay to the neighbouring router (credits return over the same delay)
 * @param virtualChannels        virtual channels per input port
 * @param bufferDepthFlits       flit slots per virtual channel
 * @param injectionCycles        delay of the channel from the core into its router's local input
 * @param ejectionCycles         delay of the channel from the router's local output to the core
 * @param creditDelayCycles      delay of a credit in the router before it crosses the link upstream
 * @param switchAllocIterations  iterations of the separable switch allocator per cycle (iSLIP-style:
 *                               later iterations match inputs and outputs the earlier left unmatched)
 * @param vcRelease              when a held output VC may be granted again
 */
public record RouterConfig(int routingCycles, int vcAllocCycles, int switchAllocCycles, int switchTraversalCycles,
        int linkCycles, int virtualChannels, int bufferDepthFlits, int injectionCycles, int ejectionCycles,
        int creditDelayCycles, int switchAllocIterations, VcRelease vcRelease) {

    /** Flit width on the wafer: a Cerebras "wavelet" is 32 bits (shared/reference/hardware.md, Fabric link). */
    public static final int FLIT_BYTES = 4;

    public RouterConfig {
        nonNegative("routing_cycles", routingCycles);
        nonNegative("vc_alloc_cycles", vcAllocCycles);
        nonNegative("switch_alloc_cycles", switchAllocCycles);
        nonNegative("switch_traversal_cycles", switchTraversalCycles);
        if (linkCycles < 1 || linkCycles > 64) {
            throw new IllegalArgumentException("link_cycles: must be in 1..64 (a wire takes at least one cycle), got " + linkCycles);
        }
        if (virtualChannels < 1 || virtualChannels > 64) {
            throw new IllegalArgumentException("virtual_channels: must be in 1..64, got " + virtualChannels);
        }
        if (bufferDepthFlits < 1 || bufferDepthFlits > 4096) {
            throw new IllegalArgumentException("buffer_depth_flits: must be in 1..4096, got " + bufferDepthFlits);
        }
        nonNegative("injection_cycles", injectionCycles);
        nonNegative("ejection_cycles", ejectionCycles);
        nonNegative("credit_delay_cycles", creditDelayCycles);
        if (switchAllocIterations < 1 || switchAllocIterations > CycleLevelMesh.PORTS) {
            throw new IllegalArgumentException("switch_alloc_iterations: must be in 1.." + CycleLevelMesh.PORTS
                    + " (a router has " + CycleLevelMesh.PORTS + " ports), got " + switchAllocIterations);
        }
        java.util.Objects.requireNonNull(vcRelease, "vc_release");
    }

    /** The pipeline stages and buffers alone: the core wired to its router, credits back over the link, one allocator iteration, VCs freed on the tail. */
    public RouterConfig(int routingCycles, int vcAllocCycles, int switchAllocCycles, int switchTraversalCycles, int linkCycles,
            int virtualChannels, int bufferDepthFlits) {
        this(routingCycles, vcAllocCycles, switchAllocCycles, switchTraversalCycles, linkCycles, virtualChannels,
                bufferDepthFlits, 0, 0, 0, 1, VcRelease.TAIL_FLIT);
    }

    private static void nonNegative(String field, int value) {
        if (value < 0 || value > 64) {
            throw new IllegalArgumentException(field + ": must be in 0..64 cycles, got " + value);
        }
    }

    /**
     * The wafer router: a wavelet reaches a neighbour in one cycle (link), after one cycle in the
     * router; the per-hop router latency is not published and is estimated at 1-2 cycles per hop
     * (shared/reference/hardware.md, "Per-hop router latency"), so 2 cycles per hop in all. Two
     * virtual channels stand for two of the wafer's "colors"; 8 flit slots per channel is a model choice.
     */
    public static RouterConfig wafer() {
        return new RouterConfig(0, 0, 0, 1, 1, 2, 8);
    }

    /** Delay of a head flit through one router, excluding the link: RC + VA + SA + ST. */
    public int routerCycles() {
        return routingCycles + vcAllocCycles + switchAllocCycles + switchTraversalCycles;
    }

    /** Delay of a head flit per hop: one router and one link. */
    public int hopCycles() {
        return routerCycles() + linkCycles;
    }

    /** Cycles from a flit leaving a buffer to its credit being usable upstream: the credit delay and the link back. */
    public int creditReturnCycles() {
        return creditDelayCycles + linkCycles;
    }

    /**
     * Cycles between a flit leaving a buffer (spending a credit) and that credit being usable again
     * when the flit moves on at once: SA + ST + link there, credit delay + link back. A virtual channel
     * streams one flit per cycle only if it has at least this many slots.
     */
    public int creditRoundTripCycles() {
        return switchAllocCycles + switchTraversalCycles + linkCycles + creditReturnCycles();
    }

    /**
     * Latency of a packet alone in the mesh, from its creation to its tail reaching the core: the
     * injection channel, every hop {@link #hopCycles()}, the destination router's {@link #routerCycles()}
     * to eject, the ejection channel, and the body following the head one flit per cycle. Holds when
     * buffers cover the credit round trip plus the head's RC + VA stall.
     */
    public long zeroLoadLatencyCycles(int hops, int flits) {
        if (hops < 0 || flits < 1) {
            throw new IllegalArgumentException("hops >= 0 and flits >= 1 required, got " + hops + ", " + flits);
        }
        return channelCycles() + (long) hops * hopCycles() + routerCycles() + (flits - 1);
    }

    /** Delay of the core's own channels, injection plus ejection, paid once by every packet. */
    public int channelCycles() {
        return injectionCycles + ejectionCycles;
    }
}
