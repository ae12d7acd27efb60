/**
 * Models served on GPU clusters: the placement of a model over tensor x expert x pipeline x data-parallel
 * GPUs with its per-GPU memory check, the per-layer kernel costs of a forward pass, and the step engine that
 * runs passes on the cluster's flow network (collectives as flows, compute as roofline delays).
 */
package org.fabricsim.workloads.gpu;
