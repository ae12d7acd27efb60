/**
 * Sweeps: a base scenario, a grid of parameter values over scenario keys, each point run with its
 * replications into its own directory, and sweep.csv gathering mean and 95% confidence half-width
 * over replications. Engines run the pending points: locally on a thread pool, or on Spark.
 */
package org.fabricsim.cli.sweep;
