/**
 * GPU clusters: GPUs with HBM and per-precision peak FLOP/s, 8-GPU NVSwitch nodes, InfiniBand NICs and a
 * leaf/spine fat tree as links of the flow network, kernels as roofline costs, and collectives
 * (ring / tree / NVLS all-reduce, all-to-all, point-to-point) built from flows, behind {@link
 * org.fabricsim.fabric.gpu.GpuFabric}, the cluster as the fabric API's operations. Knows nothing of tokens.
 */
package org.fabricsim.fabric.gpu;
