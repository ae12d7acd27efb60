package org.fabricsim.fabric.wafer;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.fabricsim.core.timeline.Timeline;

/** The resolutions a wafer fabric runs its operations at, registered by name with what each gives up. */
public enum WaferFidelity {
    FLOW("every operation an event, every mesh and inter-wafer transfer a flow contending max-min for its links",
            FlowWaferOps::new),
    ANALYTIC("operations booked arithmetically on FIFO regions and links, transfers at their idle-link cost;"
            + " one event per layer, no contention between steps' transfers on shared mesh links", BookedWaferOps::new);

    private final String description;
    private final Function<Timeline, WaferOps> ops;

    WaferFidelity(String description, Function<Timeline, WaferOps> ops) {
        this.description = description;
        this.ops = ops;
    }

    /** The name a scenario gives ({@code fidelity: flow}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line: what the level resolves and what it gives up. */
    public String description() {
        return description;
    }

    WaferOps ops(Timeline timeline) {
        return ops.apply(timeline);
    }

    /** The level named {@code key}; the error lists every registered name. */
    public static WaferFidelity parse(String key) {
        for (WaferFidelity f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("fidelity: must be one of "
                + String.join(", ", Arrays.stream(values()).map(WaferFidelity::key).toList()) + ", got " + key);
    }
}
