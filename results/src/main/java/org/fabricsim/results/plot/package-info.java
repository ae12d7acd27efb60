/**
 * Figures from a run or sweep directory (XChart, PNG and SVG, headless): CDFs of TTFT and inter-token
 * latency per system, tokens/s per user and latency against a swept axis with 95% confidence bars.
 * Reads only the CSV files, so it works on any output directory, whoever made it.
 */
package org.fabricsim.results.plot;
