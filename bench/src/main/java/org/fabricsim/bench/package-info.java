/**
 * JMH benchmarks, compiled by the build and never run by it (docs/performance.md, "Reproducing").
 *
 * <ul>
 *   <li>{@link org.fabricsim.bench.HoldBenchmark}: events/s of the timeline against a
 *       java.util.PriorityQueue and a primitive heap, and DSOL's DevsSimulator with its per-event costs
 *       removed one by one ({@link org.fabricsim.bench.DsolHold}), at 1,000 and 100,000 pending events.</li>
 *   <li>{@link org.fabricsim.bench.FlowNetworkBenchmark}: flow-network rate updates/s at 1,000 and 10,000
 *       concurrent flows (fails at setup while FlowNetwork is the contract stub).</li>
 * </ul>
 *
 * <p>TODO (issue 7), once the models are merged: one Kimi K2.6 decode step on a WSE-3 pipeline; the
 * cycle-level 16 x 16 mesh in router-cycles/s at uniform load 0.1.
 */
package org.fabricsim.bench;
