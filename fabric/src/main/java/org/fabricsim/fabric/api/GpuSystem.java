package org.fabricsim.fabric.api;

/** A GPU cluster as a fabric, whose units are its GPUs, and what its HBM was busy with. */
public interface GpuSystem extends Fabric, SystemIngress {
    /** GPU-seconds the kernels were HBM-bound so far (the busy time an energy meter charges busy power for). */
    double hbmBusyGpuSeconds();
}
