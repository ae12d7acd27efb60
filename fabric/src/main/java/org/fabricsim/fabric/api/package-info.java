/**
 * What a workload may ask of hardware, and nothing else: compute on a unit, move bytes between two
 * units, run a collective over a group of units. Every operation completes by running its callback at the
 * simulated time it finishes; how that time is found (booked arithmetically, flows contending max-min,
 * flits through routers) is the fabric's fidelity, chosen inside the fabric. Besides the operations, a workload
 * reads read-only descriptions of the hardware it places a model on ({@link WaferDescription},
 * {@link GpuDescription}), fills a {@link WaferFloorplan}, and gets everything it names, fabrics included,
 * from {@link Hardware}. {@code org.fabricsim.workloads} imports this package and no other part of fabric.
 */
package org.fabricsim.fabric.api;
