package org.fabricsim.fabric.wafer;

import java.util.function.Function;
import org.fabricsim.core.registry.Named;
import org.fabricsim.core.registry.Registry;
import org.fabricsim.core.timeline.Timeline;

/** The resolutions a wafer fabric runs its operations at, registered by name with what each gives up. */
public enum WaferFidelity implements Named {
    FLOW("every operation an event, every mesh and inter-wafer transfer a flow contending max-min for its links",
            FlowWaferOps::new),
    FLIT("as flow, with every transfer between regions run flit by flit on a cycle-level mesh of the wafer (routers,"
            + " virtual channels, credits); wafers of at most 65,536 cores", FlitWaferOps::new),
    ANALYTIC("operations booked arithmetically on FIFO regions and links, transfers at their idle-link cost;"
            + " one event per layer, no contention between steps' transfers on shared mesh links", BookedWaferOps::new);

    /** Every level, by the name a wafer system's {@code fidelity:} gives. */
    public static final Registry<WaferFidelity> REGISTRY = Registry.of("fidelity", values());

    private final String description;
    private final Function<Timeline, WaferOps> ops;

    WaferFidelity(String description, Function<Timeline, WaferOps> ops) {
        this.description = description;
        this.ops = ops;
    }

    /** One line: what the level resolves and what it gives up. */
    @Override
    public String description() {
        return description;
    }

    /** Refuses, before any simulation, a wafer this level cannot run (flit: at most 65,536 cores, the wafer router). */
    public void check(WaferSpec spec) {
        if (this == FLIT) {
            FlitTransfers.check(spec);
        }
    }

    WaferOps ops(Timeline timeline) {
        return ops.apply(timeline);
    }

    /** The level named {@code key}; the error lists every registered name. */
    public static WaferFidelity parse(String key) {
        return REGISTRY.get(key);
    }
}
