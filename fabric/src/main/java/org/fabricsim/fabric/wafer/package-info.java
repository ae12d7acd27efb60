/**
 * The wafer-scale engine: a 2D mesh of cores with their own SRAM banks and routers, rectangular
 * regions of cores, mesh operations (broadcast, row/column reductions, point-to-point transfers,
 * per-core compute) and the inter-wafer links of a layer pipeline. Knows nothing of tokens or requests.
 */
package org.fabricsim.fabric.wafer;
