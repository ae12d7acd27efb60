package org.fabricsim.cli.bench;

import org.fabricsim.cli.Scenario;
import org.fabricsim.cli.ScenarioException;

/** The scaled-up and cut-down scenarios {@code fabricsim bench} times, each a {@link ScenarioVariant}. */
public final class ScaledScenarios {
    private ScaledScenarios() {
    }

    /** {@code s} with its workload's request count replaced (the seed comparison at 1,000 requests per system). */
    public static Scenario withRequests(Scenario s, int requests) throws ScenarioException {
        return ScenarioVariant.of(s).requests(requests).build();
    }

    /** {@code s} with {@code requests} requests served by its system {@code system} alone. */
    public static Scenario systemAlone(Scenario s, String system, int requests) throws ScenarioException {
        return ScenarioVariant.of(s).onlySystem(system).requests(requests).build();
    }

    /**
     * The wafer system {@code system} of {@code s} alone on {@code wafers} wafers, serving {@code requests}
     * requests from one user: a short workload, so that the pipeline, not the queue, is what grows.
     */
    public static Scenario withWafers(Scenario s, String system, int wafers, int requests) throws ScenarioException {
        return ScenarioVariant.of(s).onlySystem(system).requests(requests).users(1)
                .systemField(system, "wafers", wafers).build();
    }

    /**
     * The GPU system {@code system} of {@code s} alone with {@code dataParallel} replicas behind its queue
     * and just enough nodes for them (so GPUs grow with it), serving {@code requests} requests from the
     * scenario's users.
     */
    public static Scenario withDataParallel(Scenario s, String system, int dataParallel, int requests)
            throws ScenarioException {
        // nodes back to its default: the resolved scenario holds the node count sized for the old replica count
        return ScenarioVariant.of(s).onlySystem(system).requests(requests)
                .systemField(system, "data_parallel", dataParallel).systemField(system, "nodes", null).build();
    }

    /** {@code s} with {@code requests} requests served by its wafer system {@code system} alone at {@code fidelity}. */
    public static Scenario withFidelity(Scenario s, String system, String fidelity, int requests)
            throws ScenarioException {
        return ScenarioVariant.of(s).onlySystem(system).requests(requests).systemField(system, "fidelity", fidelity)
                .build();
    }

    /** The wafer system {@code system} of {@code s} alone, serving {@code model} on as few wafers as fit. */
    public static Scenario withModel(Scenario s, String system, String model) throws ScenarioException {
        return ScenarioVariant.of(s).onlySystem(system).systemField(system, "model", model)
                .systemField(system, "wafers", "auto").build();
    }
}
