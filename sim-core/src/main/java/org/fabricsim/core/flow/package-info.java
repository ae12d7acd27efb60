/**
 * Flow-level network model: links with bandwidth and latency, transfers as flows sharing links
 * max-min fairly ({@link org.fabricsim.core.flow.FlowNetwork}), rates from a solver on dense arrays
 * ({@link org.fabricsim.core.flow.MaxMinSolver}). Knows links and flows, not hardware.
 */
package org.fabricsim.core.flow;
