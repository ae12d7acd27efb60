package org.fabricsim.fabric.api;

/** What a unit computes: mesh phases on a wafer region, or kernels on a GPU. */
public sealed interface Work permits MeshWork, KernelWork, KernelSequence {
}
