package org.fabricsim.fabric.noc;

/**
 * One mesh router and its links, in cycles: the classic virtual-channel router pipeline (route
 * computation, VC allocation, switch allocation, switch traversal; Dally and Towles, "Principles and
 * Practices of Interconnection Networks", ch. 16) followed by a link traversal. Stages are pipelined:
 * a router accepts one flit per input port and sends one per output port every cycle whatever the
 * stage delays; the delays only add latency. Route computation and VC allocation are paid by head
 * flits only; body flits follow their head one cycle apart.
 *
 * @param routingCycles          route computation delay of a head flit
 * @param vcAllocCycles          virtual-channel allocation delay of a head flit
 * @param switchAllocCycles      switch allocation delay of every flit
 * @param switchTraversalCycles  crossbar traversal delay of every flit
 * @param linkCycles             wire delay to the neighbouring router (credits return over the same delay)
 * @param virtualChannels        virtual channels per input port
 * @param bufferDepthFlits       flit slots per virtual channel
 */
public record RouterConfig(int routingCycles, int vcAllocCycles, int switchAllocCycles, int switchTraversalCycles,
        int linkCycles, int virtualChannels, int bufferDepthFlits) {

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

    /**
     * Cycles between a flit leaving a buffer (spending a credit) and that credit being usable again
     * when the flit moves on at once: SA + ST + link there, link back. A virtual channel streams one
     * flit per cycle only if it has at least this many slots.
     */
    public int creditRoundTripCycles() {
        return switchAllocCycles + switchTraversalCycles + 2 * linkCycles;
    }

    /**
     * Latency of a packet alone in the mesh, from its creation to its tail leaving the destination
     * router: every hop costs {@link #hopCycles()}, the destination router adds {@link #routerCycles()}
     * to eject, and the body follows the head one flit per cycle. Holds when buffers cover the credit
     * round trip plus the head's RC + VA stall.
     */
    public long zeroLoadLatencyCycles(int hops, int flits) {
        if (hops < 0 || flits < 1) {
            throw new IllegalArgumentException("hops >= 0 and flits >= 1 required, got " + hops + ", " + flits);
        }
        return (long) hops * hopCycles() + routerCycles() + (flits - 1);
    }
}
