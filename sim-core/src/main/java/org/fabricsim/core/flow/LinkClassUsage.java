package org.fabricsim.core.flow;

/**
 * Utilisation of one class of links over [0, now].
 *
 * @param linkClass          the class name, e.g. "mesh"
 * @param links              links in the class
 * @param busyFraction       mean over links of the fraction of time the link carried at least one flow
 * @param meanUtilization    mean over links of (time-integral of allocated rate / bandwidth) / elapsed
 * @param peakUtilization    the highest per-link meanUtilization in the class
 * @param meanConcurrentFlows time-average number of flows on a busy link
 * @param bytesCarried       bytes that crossed links of this class (a flow counts once per link crossed)
 */
public record LinkClassUsage(String linkClass, int links, double busyFraction, double meanUtilization,
        double peakUtilization, double meanConcurrentFlows, double bytesCarried) {

    /** The same figures under another class name (e.g. a system's prefill hardware, marked as such). */
    public LinkClassUsage withLinkClass(String name) {
        return new LinkClassUsage(name, links, busyFraction, meanUtilization, peakUtilization, meanConcurrentFlows,
                bytesCarried);
    }
}
