/**
 * JMH benchmarks, compiled by the build and never run by it (docs/performance.md, "Reproducing").
 *
 * <ul>
 *   <li>{@link org.fabricsim.bench.HoldBenchmark}: events/s of the timeline against a
 *       java.util.PriorityQueue and a primitive heap, and DSOL's DevsSimulator with its per-event costs
 *       removed one by one ({@link org.fabricsim.bench.DsolHold}), at 1,000 and 100,000 pending events.</li>
 *   <li>{@link org.fabricsim.bench.FlowNetworkBenchmark}: flow-network rate updates/s at 1,000 and 10,000
 *       concurrent flows.</li>
 *   <li>{@link org.fabricsim.bench.KimiDecodeStepBenchmark}: average time of one batch-1 Kimi K2.6 decode
 *       step on the seed comparison's WSE-3 pipeline (20 wafers).</li>
 *   <li>{@link org.fabricsim.bench.MeshBenchmark}: the cycle-level 16 x 16 mesh at uniform load 0.1, in
 *       router-cycles/s.</li>
 * </ul>
 */
package org.fabricsim.bench;
