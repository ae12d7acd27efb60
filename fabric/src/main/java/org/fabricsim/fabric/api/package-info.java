/**
 * What a workload may ask of hardware, and nothing else: compute on a unit, move bytes between two
 * units, run a collective over a group of units. Every operation completes by running its callback at the
 * simulated time it finishes; how that time is found (booked arithmetically, flows contending max-min,
 * flits through routers) is the fabric's fidelity, chosen inside the fabric. The engines of
 * {@code org.fabricsim.workloads} import this package and no other part of fabric's machinery.
 */
package org.fabricsim.fabric.api;
