package org.fabricsim.cli.bench;

import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * Deploys one system of a scenario outside a scenario run, through the {@link SystemConfig} contract only
 * (never a kind's own constructors, which change with its engine), so that building and stepping a
 * system can be timed on their own.
 */
public final class SystemDeployer {
    private SystemDeployer() {
    }

    /** Builds the system's hardware and places its model (and draft model, if any) on {@code timeline}. */
    public static Deployment deploy(SystemConfig system, Timeline timeline, long seed) {
        var speculative = system.serving().speculative();
        ModelSpec draft = speculative == null || speculative.draftModel() == null ? null
                : ModelCatalog.get(speculative.draftModel());
        return system.deploy(system.model().spec(), draft, timeline, new RandomStreams(seed));
    }
}
