package org.fabricsim.fabric.api;

import java.util.Map;

/**
 * What sets the cost of operations on a pipeline of wafers besides the wafers themselves.
 *
 * @param kernels                      every value of a wafer kernel set ({@link Hardware#WAFER_KERNELS})
 * @param reduction                    how partial sums are reduced along a mesh line: chain | two_level | bidirectional
 * @param interWaferBandwidthBytesPerS bandwidth of the link from one wafer to the next
 * @param interWaferLatencyS           latency of that link
 */
public record WaferPipelineCosts(Map<String, Double> kernels, String reduction, double interWaferBandwidthBytesPerS,
        double interWaferLatencyS) {
    public WaferPipelineCosts {
        kernels = Map.copyOf(kernels);
    }
}
