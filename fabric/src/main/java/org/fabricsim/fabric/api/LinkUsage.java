package org.fabricsim.fabric.api;

/**
 * What one class of a fabric's resources (mesh links, inter-wafer links, NVLink, InfiniBand, HBM) carried over
 * [0, now], in the fabric API's own terms, so that a workload reads utilisation without knowing how the fabric
 * models its links.
 *
 * @param linkClass           the class name, e.g. "wafer-mesh"
 * @param links               resources in the class
 * @param busyFraction        mean over the resources of the fraction of time one carried anything
 * @param meanUtilization     mean over the resources of (time-integral of the rate carried / capacity) / elapsed
 * @param peakUtilization     the highest per-resource mean utilisation in the class
 * @param meanConcurrentFlows time-average number of transfers sharing a busy resource
 * @param bytesCarried        bytes that crossed resources of the class (a transfer counts once per resource crossed)
 */
public record LinkUsage(String linkClass, int links, double busyFraction, double meanUtilization,
        double peakUtilization, double meanConcurrentFlows, double bytesCarried) {

    /** The same figures under another class name (e.g. a system's prefill hardware, marked as such). */
    public LinkUsage withLinkClass(String name) {
        return new LinkUsage(name, links, busyFraction, meanUtilization, peakUtilization, meanConcurrentFlows,
                bytesCarried);
    }
}
