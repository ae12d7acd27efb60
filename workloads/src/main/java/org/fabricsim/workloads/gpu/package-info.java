/**
 * Models served on GPU clusters: the placement of a model over tensor x expert x pipeline x data-parallel
 * GPUs with its per-GPU memory check, the kernels of each phase of a forward pass, and the step engine that
 * turns a step into operations on a GPU fabric (kernel phases, all-reduces, expert exchanges, stage transfers).
 */
package org.fabricsim.workloads.gpu;
