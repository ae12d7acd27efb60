/**
 * The cycle-level ("flit") model of the wafer mesh: input-queued virtual-channel routers with
 * dimension-order routing, credit-based flow control and a configurable router pipeline, driven by
 * synthetic traffic or scripted transfers, for small regions and micro-benchmarks. It is how the
 * flow-level mesh model is checked (see docs/noc.md).
 */
package org.fabricsim.fabric.noc;
