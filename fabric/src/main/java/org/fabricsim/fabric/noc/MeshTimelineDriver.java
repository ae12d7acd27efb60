package org.fabricsim.fabric.noc;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.fabricsim.core.timeline.Timeline;

/**
 * Runs a {@link CycleLevelMesh} on the DSOL timeline: one timeline event per slice of cycles, each
 * running the mesh's own allocation-free loop for the slice (DESIGN.md, "The event engine"), so the
 * timeline still owns simulated time while the mesh costs no event per flit. Cycle c of the mesh is at
 * {@link #timeOfCycleS(long)} = start + c / clockHz; a slice runs at the time of its first cycle.
 */
public final class MeshTimelineDriver {
    private final Timeline timeline;
    private final CycleLevelMesh mesh;
    private final double clockHz;
    private final int sliceCycles;
    private final double originS;

    public MeshTimelineDriver(Timeline timeline, CycleLevelMesh mesh, double clockHz, int sliceCycles) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.mesh = Objects.requireNonNull(mesh, "mesh");
        if (!(clockHz > 0) || Double.isInfinite(clockHz)) {
            throw new IllegalArgumentException("clock_hz: must be finite and > 0, got " + clockHz);
        }
        if (sliceCycles < 1) {
            throw new IllegalArgumentException("slice_cycles: must be >= 1, got " + sliceCycles);
        }
        this.clockHz = clockHz;
        this.sliceCycles = sliceCycles;
        this.originS = timeline.now() - mesh.cycle() / clockHz;
    }

    /** Simulated time in seconds at the start of mesh cycle {@code cycle}. */
    public double timeOfCycleS(long cycle) {
        return originS + cycle / clockHz;
    }

    /**
     * Schedules slices from the mesh's current cycle until {@code done} holds (checked before every
     * cycle); the caller runs the timeline.
     */
    public void runUntil(BooleanSupplier done) {
        Objects.requireNonNull(done, "done");
        timeline.at(timeOfCycleS(mesh.cycle()), () -> slice(done));
    }

    private void slice(BooleanSupplier done) {
        for (int i = 0; i < sliceCycles; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            mesh.step();
        }
        if (!done.getAsBoolean()) {
            timeline.at(timeOfCycleS(mesh.cycle()), () -> slice(done));
        }
    }
}
