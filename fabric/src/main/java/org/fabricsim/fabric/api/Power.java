package org.fabricsim.fabric.api;

/**
 * Electrical power of a catalog entry, W: drawn while busy and while idle, and always by what surrounds it: per
 * node around the GPUs (CPUs, NVSwitches, NICs, fans), or per wafer system the CPU servers that feed it.
 */
public record Power(double busyWatts, double idleWatts, double nodeWatts) {
}
