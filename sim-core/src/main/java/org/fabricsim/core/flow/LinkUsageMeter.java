package org.fabricsim.core.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Bytes per link and busy time per link class, as the flow network reports them: a link is busy while at
 * least one flow takes bandwidth on it. The network tells it when a link gains or loses a flow and which
 * bytes crossed it; it knows no flows and no timeline (times are passed in).
 */
final class LinkUsageMeter {
    private int linkCount;
    /** Class and bytes carried by link id; {@link LinkOccupancy} reads and adds to them on its pass over a route. */
    int[] linkClassOf;
    double[] bytesCarried;

    private final List<String> classNames = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();
    private int[] classLinks = new int[4];
    private int[] classBusyLinks = new int[4];
    private long[] classFlowLinkPairs = new long[4];
    private double[] classBusyLinkTimeS = new double[4];
    private double[] classFlowLinkTimeS = new double[4];
    private double[] classLastS = new double[4];

    LinkUsageMeter(int expectedLinks) {
        linkClassOf = new int[expectedLinks];
        bytesCarried = new double[expectedLinks];
    }

    /** The id of a link class, registered at {@code nowS} if new. */
    int linkClass(String name, double nowS) {
        Integer known = classIds.get(name);
        if (known != null) {
            return known;
        }
        int id = classNames.size();
        classNames.add(name);
        classIds.put(name, id);
        if (id == classLinks.length) {
            int n = id * 2;
            classLinks = Arrays.copyOf(classLinks, n);
            classBusyLinks = Arrays.copyOf(classBusyLinks, n);
            classFlowLinkPairs = Arrays.copyOf(classFlowLinkPairs, n);
            classBusyLinkTimeS = Arrays.copyOf(classBusyLinkTimeS, n);
            classFlowLinkTimeS = Arrays.copyOf(classFlowLinkTimeS, n);
            classLastS = Arrays.copyOf(classLastS, n);
        }
        classLastS[id] = nowS;
        return id;
    }

    int classCount() {
        return classNames.size();
    }

    String className(int linkClass) {
        return classNames.get(linkClass);
    }

    /** Meters {@code count} new links of {@code linkClass} from id {@code first} on. */
    void addLinks(int first, int count, int linkClass) {
        int needed = first + count;
        if (needed > linkClassOf.length) {
            int n = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, linkClassOf.length * 2L));
            linkClassOf = Arrays.copyOf(linkClassOf, n);
            bytesCarried = Arrays.copyOf(bytesCarried, n);
        }
        Arrays.fill(linkClassOf, first, needed, linkClass);
        classLinks[linkClass] += count;
        linkCount = needed;
    }

    int linkClassOf(int link) {
        return linkClassOf[link];
    }

    double bytesCarried(int link) {
        return bytesCarried[link];
    }

    /** {@code bytes} crossed every link of {@code route}. */
    void carried(int[] route, double bytes) {
        for (int link : route) {
            bytesCarried[link] += bytes;
        }
    }

    /**
     * {@code links} links of class {@code c} gain a flow at {@code nowS}, {@code nowBusy} of them carrying none
     * before. Counts are integers, so one call per run of a route's links of one class adds what one call per link
     * did; the class's busy time is advanced at the first call of an instant, as then.
     */
    void flowsAdded(int c, int links, int nowBusy, double nowS) {
        advanceClass(c, nowS);
        classBusyLinks[c] += nowBusy;
        classFlowLinkPairs[c] += links;
    }

    /** {@code links} links of class {@code c} lose a flow at {@code nowS}, {@code nowIdle} of them carrying none after. */
    void flowsRemoved(int c, int links, int nowIdle, double nowS) {
        advanceClass(c, nowS);
        classBusyLinks[c] -= nowIdle;
        classFlowLinkPairs[c] -= links;
    }

    /**
     * Credits a run the network did in closed form: {@code bytes} crossed {@code link}, carried by
     * {@code flows} flows that kept it busy for {@code busyS}, as the flows would have.
     */
    void credit(int link, double bytes, int flows, double busyS) {
        int c = linkClassOf[link];
        bytesCarried[link] += bytes;
        classBusyLinkTimeS[c] += busyS;
        classFlowLinkTimeS[c] += flows * busyS;
    }

    private void advanceClass(int c, double nowS) {
        double dt = nowS - classLastS[c];
        if (dt > 0) {
            classBusyLinkTimeS[c] += classBusyLinks[c] * dt;
            classFlowLinkTimeS[c] += classFlowLinkPairs[c] * dt;
            classLastS[c] = nowS;
        }
    }

    /** Utilisation per link class over [0, nowS]; {@code bandwidthBytesPerS} by link id. */
    List<LinkClassUsage> usage(double nowS, double[] bandwidthBytesPerS) {
        return usage(nowS, bandwidthBytesPerS, l -> true, true);
    }

    /**
     * Utilisation per link class over [0, nowS] of the {@code counted} links only; a class with none is left out
     * unless {@code keepEmpty}. Busy time is metered per class, so an uncounted link of a class with counted links
     * must have carried nothing (a class none of whose links is counted, another system's on a shared network,
     * may carry anything).
     */
    List<LinkClassUsage> usage(double nowS, double[] bandwidthBytesPerS, IntPredicate counted, boolean keepEmpty) {
        int classes = classNames.size();
        int[] links = new int[classes];
        double[] utilSum = new double[classes];
        double[] utilPeak = new double[classes];
        double[] carried = new double[classes];
        boolean[] isCounted = new boolean[linkCount];
        for (int l = 0; l < linkCount; l++) {
            isCounted[l] = counted.test(l);
            if (isCounted[l]) {
                links[linkClassOf[l]]++;
            }
        }
        for (int l = 0; l < linkCount; l++) {
            int c = linkClassOf[l];
            if (!isCounted[l]) {
                if (bytesCarried[l] != 0 && links[c] > 0) {
                    throw new IllegalArgumentException("counted: link " + l + " of class " + classNames.get(c)
                            + " is left out but carried " + bytesCarried[l] + " bytes");
                }
                continue;
            }
            double u = bytesCarried[l] / bandwidthBytesPerS[l];
            utilSum[c] += u;
            utilPeak[c] = Math.max(utilPeak[c], u);
            carried[c] += bytesCarried[l];
        }
        List<LinkClassUsage> out = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            advanceClass(c, nowS);
            if (links[c] == 0 && !keepEmpty) {
                continue;
            }
            double linkTime = (double) links[c] * nowS;
            double busyTime = classBusyLinkTimeS[c];
            out.add(new LinkClassUsage(classNames.get(c), links[c],
                    linkTime > 0 ? busyTime / linkTime : 0,
                    linkTime > 0 ? utilSum[c] / linkTime : 0,
                    nowS > 0 ? utilPeak[c] / nowS : 0,
                    busyTime > 0 ? classFlowLinkTimeS[c] / busyTime : 0,
                    carried[c]));
        }
        return out;
    }
}
