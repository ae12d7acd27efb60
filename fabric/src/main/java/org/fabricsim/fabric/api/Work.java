package org.fabricsim.fabric.api;

/** What a unit computes: mesh phases on a wafer region, kernels on a GPU, or a wait on a GPU's host. */
public sealed interface Work permits MeshWork, KernelWork, KernelSequence, HostWait {
}
