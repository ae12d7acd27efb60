package org.fabricsim.fabric.api;

/**
 * What a workload reads of a GPU calibration set to place a model and write its kernels: the HBM the software
 * stack keeps for itself and how many small kernels a layer launches. The rest of the set (efficiencies, launch
 * gaps, floors) is how the fabric turns kernels into time.
 */
public interface GpuSoftwareStack {
    /** HBM kept out of the weights and KV-cache budget (activations, CUDA context, allocator), a fraction of HBM. */
    double workspaceFractionOfHbm();

    /** Small kernels per transformer layer besides GEMMs and attention (norms, rotary, residual adds, ...). */
    int elementwiseKernelsPerLayer();
}
