package org.fabricsim.fabric.api;

import java.util.List;

/**
 * The wafers of one system at one fidelity: the pipelines built on it (a target model's, a draft model's on
 * wafers of its own) share one network and one way operations become time, so a draft pass and a verify pass
 * are booked on one clock.
 */
public interface WaferSystem extends SystemIngress {
    /**
     * A pipeline over {@code wafers} (wafer i sends to wafer i + 1, the last back to the first) whose unit {@code u}
     * is region {@code unitRegion[u]} of wafer {@code unitWafer[u]}.
     */
    Fabric pipeline(List<? extends WaferFloorplan> wafers, int[] unitWafer, int[] unitRegion);

    /** Wafers of every pipeline built so far. */
    int wafers();

    /** Busy time of every wafer so far, in wafer-seconds: each wafer's core-seconds of compute over its cores. */
    double busyWaferSeconds();

    /** Utilisation of the mesh and inter-wafer links of every pipeline so far. */
    List<LinkUsage> linkUsage();
}
