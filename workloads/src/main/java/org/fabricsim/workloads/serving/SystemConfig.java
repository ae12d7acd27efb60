package org.fabricsim.workloads.serving;

import java.nio.file.Path;
import java.util.List;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.SystemIngress;
import org.fabricsim.workloads.model.ModelRef;
import org.fabricsim.workloads.model.ModelSpec;

/**
 * One system of a scenario (a roofline server, a wafer pipeline, a GPU deployment): the kind's own
 * hardware and placement parameters plus the serving policy every kind shares. Implementations are
 * records bound from the scenario file by Jackson (snake_case keys) and validated in their compact
 * constructors; a kind is registered by name in the cli's system-kind registry.
 */
public interface SystemConfig {

    /** Label of the system in every output file. */
    String name();

    /** The model served: a catalog name or a config.json. */
    ModelRef model();

    /** Batching, admission and speculative decoding. */
    ServingPolicy serving();

    /** This system with another serving policy (every other key unchanged). */
    SystemConfig withServing(ServingPolicy serving);

    /** This system serving another model (every other key unchanged). */
    SystemConfig withModel(ModelRef model);

    /** This system with its relative file paths (model config, serving policy's files) resolved against {@code baseDir}. */
    default SystemConfig resolvedAgainst(Path baseDir) {
        return withServing(serving().resolvedAgainst(baseDir)).withModel(model().resolvedAgainst(baseDir));
    }

    /**
     * Builds the hardware, places the model on it (checking capacity in bytes) and returns the
     * engines serving it. Throws {@link IllegalArgumentException} naming what does not fit and by how much.
     */
    Deployment deploy(ModelSpec model, ModelSpec draftModel, Timeline timeline, RandomStreams random);

    /** As {@link #deploy(ModelSpec, ModelSpec, Timeline, RandomStreams)}, reusing what the runner has placed before. */
    default Deployment deploy(ModelSpec model, ModelSpec draftModel, Timeline timeline, RandomStreams random,
            PlacementCache placements) {
        return deploy(model, draftModel, timeline, random);
    }

    /**
     * As {@link #deploy(ModelSpec, ModelSpec, Timeline, RandomStreams, PlacementCache)}, the hardware built beside
     * the system that {@code beside} is the ingress of (a prefill system beside its decoding system), where the
     * kind can, so that links from this system to that one cross both systems' ports. A kind whose hardware has no
     * ports for such links deploys as without {@code beside}.
     */
    default Deployment deploy(ModelSpec model, ModelSpec draftModel, Timeline timeline, RandomStreams random,
            PlacementCache placements, SystemIngress beside) {
        return deploy(model, draftModel, timeline, random, placements);
    }

    /** Accelerator chips the deployment occupies (GPUs, wafers, roofline accelerators): the unit of goodput per chip. */
    int chips(ModelSpec model, ModelSpec draftModel);

    /** As {@link #chips(ModelSpec, ModelSpec)}, reusing what the runner has placed before. */
    default int chips(ModelSpec model, ModelSpec draftModel, PlacementCache placements) {
        return chips(model, draftModel);
    }

    /**
     * The hourly rental price of the hardware the deployment occupies, from its hardware's {@code usd_per_hour}
     * (a price per chip times the chips), US dollars; null when the hardware has no price.
     */
    default Double usdPerHour(ModelSpec model, ModelSpec draftModel) {
        return null;
    }

    /** As {@link #usdPerHour(ModelSpec, ModelSpec)}, reusing what the runner has placed before. */
    default Double usdPerHour(ModelSpec model, ModelSpec draftModel, PlacementCache placements) {
        return usdPerHour(model, draftModel);
    }

    /** Human-readable lines on what would be built: parameters, bytes, placement, capacity. */
    List<String> describe(ModelSpec model, ModelSpec draftModel);
}
