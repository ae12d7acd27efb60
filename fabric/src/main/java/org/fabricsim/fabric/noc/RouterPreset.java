package org.fabricsim.fabric.noc;

import org.fabricsim.core.registry.Named;
import org.fabricsim.core.registry.Registry;

/**
 * Named router pipelines, so that curves of the cycle-level mesh can be set beside those of a published
 * simulator router for router. A config's explicit keys override the preset's values.
 */
public enum RouterPreset implements Named {
    FABRICSIM("the wafer router (RouterConfig.wafer()): one cycle in the router, one on the link, core wired to"
            + " its router with no channel delay; 2 VCs x 8 flits", RouterConfig.wafer()),
    /*
     * BookSim2's defaults (booksim2 src/booksim_config.cpp: router iq, routing_delay 1, vc_alloc_delay 1,
     * sw_alloc_delay 1, st_prepare_delay 0, st_final_delay 1, credit_delay 0, alloc_iters 1, islip allocators,
     * wait_for_tail_credit 0, num_vcs 16, vc_buf_size 8; src/channel.hpp: every channel, injection, ejection,
     * router-to-router and credit, is 1 cycle unless set otherwise).
     */
    BOOKSIM2_IQ("BookSim2's default input-queued router: RC, VA, SA, ST one cycle each, 1-cycle links and 1-cycle"
            + " injection and ejection channels, no extra credit delay, one allocator iteration, VC freed on the"
            + " tail flit; 16 VCs x 8 flits", new RouterConfig(1, 1, 1, 1, 1, 16, 8, 1, 1, 0, 1, VcRelease.TAIL_FLIT));

    /** Every preset, by the name a NoC config's {@code router.preset:} gives. */
    public static final Registry<RouterPreset> REGISTRY = Registry.of("router.preset", values());

    private final String description;
    private final RouterConfig config;

    RouterPreset(String description, RouterConfig config) {
        this.description = description;
        this.config = config;
    }

    @Override
    public String description() {
        return description;
    }

    /** The preset's full router. */
    public RouterConfig config() {
        return config;
    }
}
