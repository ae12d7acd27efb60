/**
 * Models on wafer-scale engines: placement of layers, experts and KV cache onto regions of cores across a
 * pipeline of wafers, the {@code wafer} system kind, and the step engine that runs forward passes as mesh
 * operations on those regions.
 */
package org.fabricsim.workloads.wafer;
