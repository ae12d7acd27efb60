package org.fabricsim.core.flow;

import java.util.Arrays;

/**
 * Max-min fair rates by progressive filling (Bertsekas and Gallager, Data Networks, 6.5.2) on dense
 * arrays: links are capacities, flows are a cap and the links they cross, both by index. Knows no
 * timeline, no network and no units; reusable, allocation-free once its arrays have grown.
 *
 * <p>All unfrozen flows rise together from a start level; the link whose remaining capacity divided by
 * its unfrozen flows is smallest saturates first and freezes its flows at the level, unless a flow's own
 * cap is lower, which freezes that flow at its cap. Shares never fall as flows freeze, so the min-heap of
 * links keeps stale keys as lower bounds and refreshes a link only when it reaches the top (lazy
 * decrease-key): O(incidences + links x log links).
 *
 * <p>Use: {@link #clear()}, {@link #addLink} per link, {@link #addFlow} per flow (then {@link #addIncidence}
 * for each link it crosses, or {@link #addFlow(double, int...)}), {@link #solve}, then {@link #rate}.
 */
public final class MaxMinSolver {

    // Links, by index.
    private int linkCount;
    private double[] remaining = new double[16];
    private int[] unfrozen = new int[16];
    private double[] share = new double[16];
    private int[] heap = new int[16];
    private int heapSize;
    /** Link-to-flow incidence (the transpose of the flows' links), built by {@link #solve}. */
    private int[] linkFlowStart = new int[17];
    private int[] linkFlows = new int[16];

    // Flows, by index.
    private int flowCount;
    private double[] cap = new double[16];
    private double[] rate = new double[16];
    private boolean[] frozen = new boolean[16];
    /** Flow-to-link incidence: the links of flow i are flowLinks[flowLinkStart[i] .. flowLinkStart[i + 1]). */
    private int[] flowLinkStart = new int[17];
    private int[] flowLinks = new int[16];
    private int incidenceCount;

    // Capped flows in ascending cap order (stable), and merge-sort scratch.
    private int[] capped = new int[16];
    private int[] sortScratch = new int[16];
    private int cappedCount;

    /** Forgets every link and flow; keeps the arrays. */
    public void clear() {
        linkCount = 0;
        flowCount = 0;
        incidenceCount = 0;
        flowLinkStart[0] = 0;
    }

    /** Adds a link with {@code capacity} left to the flows solved here; returns its index (0, 1, ...). */
    public int addLink(double capacity) {
        int k = linkCount++;
        if (k == remaining.length) {
            int n = k * 2;
            remaining = Arrays.copyOf(remaining, n);
            unfrozen = Arrays.copyOf(unfrozen, n);
            share = Arrays.copyOf(share, n);
            heap = Arrays.copyOf(heap, n);
            linkFlowStart = Arrays.copyOf(linkFlowStart, n + 1);
        }
        remaining[k] = capacity;
        return k;
    }

    /** Adds a flow whose rate may not exceed {@code cap} (+infinity: none); returns its index (0, 1, ...). */
    public int addFlow(double cap) {
        int i = flowCount++;
        if (i == this.cap.length) {
            int n = i * 2;
            this.cap = Arrays.copyOf(this.cap, n);
            rate = Arrays.copyOf(rate, n);
            frozen = Arrays.copyOf(frozen, n);
            flowLinkStart = Arrays.copyOf(flowLinkStart, n + 1);
        }
        this.cap[i] = cap;
        flowLinkStart[i + 1] = incidenceCount;
        return i;
    }

    /** Adds a flow with a cap crossing {@code links}; returns its index. */
    public int addFlow(double cap, int... links) {
        int i = addFlow(cap);
        for (int k : links) {
            addIncidence(k);
        }
        return i;
    }

    /** The flow added last crosses link {@code k} (once per crossing). */
    public void addIncidence(int k) {
        if (flowCount == 0) {
            throw new IllegalStateException("addIncidence: add a flow first");
        }
        if (k < 0 || k >= linkCount) {
            throw new IllegalArgumentException("k: no link with index " + k + " (have " + linkCount + ")");
        }
        if (incidenceCount == flowLinks.length) {
            flowLinks = Arrays.copyOf(flowLinks, incidenceCount * 2);
        }
        flowLinks[incidenceCount++] = k;
        flowLinkStart[flowCount] = incidenceCount;
    }

    /**
     * As {@link #addIncidence} for a link {@code k} that may be added after the flow (a recompute finds a flow's
     * links as it walks it); every index must exist by {@link #solve}.
     */
    void addIncidenceOfLinkToCome(int k) {
        if (incidenceCount == flowLinks.length) {
            flowLinks = Arrays.copyOf(flowLinks, incidenceCount * 2);
        }
        flowLinks[incidenceCount++] = k;
        flowLinkStart[flowCount] = incidenceCount;
    }

    /** Sets the cap of the flow added last (known once its links have been walked). */
    void capLastFlow(double cap) {
        this.cap[flowCount - 1] = cap;
    }

    public int linkCount() {
        return linkCount;
    }

    public int flowCount() {
        return flowCount;
    }

    /** The rate {@link #solve} gave flow {@code i}. */
    public double rate(int i) {
        return rate[i];
    }

    /**
     * Solves for every flow's max-min rate. The level starts at {@code startLevel} (a bound every rate is
     * known to reach, or 0); a link's share is its remaining capacity (negative counts as 0) over its
     * unfrozen flows.
     *
     * @throws IllegalStateException if a flow has neither a link nor a finite cap
     */
    public void solve(double startLevel) {
        transpose();
        heapSize = 0;
        for (int k = 0; k < linkCount; k++) {
            if (unfrozen[k] > 0) {
                share[k] = Math.max(0, remaining[k]) / unfrozen[k];
                heap[heapSize++] = k;
            }
        }
        for (int i = (heapSize >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
        sortCapped();
        int nextCapped = 0;
        int left = flowCount;
        double level = startLevel;
        while (left > 0) {
            while (nextCapped < cappedCount && frozen[capped[nextCapped]]) {
                nextCapped++;
            }
            double capShare = nextCapped < cappedCount ? cap[capped[nextCapped]] : Double.POSITIVE_INFINITY;
            double linkShare = Double.POSITIVE_INFINITY;
            while (heapSize > 0) {
                int k = heap[0];
                int n = unfrozen[k];
                if (n == 0) {
                    heap[0] = heap[--heapSize];
                    siftDown(0);
                    continue;
                }
                double s = Math.max(0, remaining[k]) / n;
                if (s > share[k]) {
                    share[k] = s;
                    siftDown(0);
                    if (heap[0] != k) {
                        continue;
                    }
                }
                linkShare = s;
                break;
            }
            if (capShare <= linkShare) {
                if (capShare == Double.POSITIVE_INFINITY) {
                    throw new IllegalStateException("max-min solver: " + left + " flows left without a constraint");
                }
                level = Math.max(level, capShare);
                freeze(capped[nextCapped++], capShare);
                left--;
            } else {
                // Rates never fall during filling; max() guards against rounding below the level.
                level = Math.max(level, linkShare);
                int k = heap[0];
                for (int j = linkFlowStart[k], end = linkFlowStart[k + 1]; j < end; j++) {
                    int i = linkFlows[j];
                    if (!frozen[i]) {
                        freeze(i, level);
                        left--;
                    }
                }
            }
        }
    }

    private void freeze(int i, double r) {
        frozen[i] = true;
        rate[i] = r;
        for (int j = flowLinkStart[i], end = flowLinkStart[i + 1]; j < end; j++) {
            int k = flowLinks[j];
            remaining[k] -= r;
            unfrozen[k]--;
        }
    }

    /** Counts each link's flows and lists them by link (counting sort; flows in index order). */
    private void transpose() {
        Arrays.fill(unfrozen, 0, linkCount, 0);
        for (int j = 0; j < incidenceCount; j++) {
            unfrozen[flowLinks[j]]++;
        }
        if (linkFlows.length < incidenceCount) {
            linkFlows = new int[Math.max(incidenceCount, 2 * linkFlows.length)];
        }
        int start = 0;
        for (int k = 0; k < linkCount; k++) {
            linkFlowStart[k] = start;
            start += unfrozen[k];
        }
        linkFlowStart[linkCount] = start;
        for (int i = 0; i < flowCount; i++) {
            frozen[i] = false;
            for (int j = flowLinkStart[i], end = flowLinkStart[i + 1]; j < end; j++) {
                int k = flowLinks[j];
                linkFlows[linkFlowStart[k]++] = i;
            }
        }
        // The fill above advanced each start to the next link's; shift them back.
        for (int k = linkCount; k > 0; k--) {
            linkFlowStart[k] = linkFlowStart[k - 1];
        }
        linkFlowStart[0] = 0;
    }

    /** Flows with a finite cap, ascending by cap, ties in index order. */
    private void sortCapped() {
        cappedCount = 0;
        if (capped.length < flowCount) {
            capped = new int[cap.length];
            sortScratch = new int[cap.length];
        }
        for (int i = 0; i < flowCount; i++) {
            if (cap[i] < Double.POSITIVE_INFINITY) {
                capped[cappedCount++] = i;
            }
        }
        if (cappedCount > 1) {
            mergeSort(0, cappedCount);
        }
    }

    private void mergeSort(int from, int to) {
        if (to - from < 8) {
            for (int i = from + 1; i < to; i++) {
                int x = capped[i];
                int j = i - 1;
                while (j >= from && cap[capped[j]] > cap[x]) {
                    capped[j + 1] = capped[j];
                    j--;
                }
                capped[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid);
        mergeSort(mid, to);
        if (cap[capped[mid - 1]] <= cap[capped[mid]]) {
            return;
        }
        System.arraycopy(capped, from, sortScratch, from, to - from);
        int a = from;
        int b = mid;
        for (int o = from; o < to; o++) {
            if (b >= to || (a < mid && cap[sortScratch[a]] <= cap[sortScratch[b]])) {
                capped[o] = sortScratch[a++];
            } else {
                capped[o] = sortScratch[b++];
            }
        }
    }

    private void siftDown(int i) {
        int k = heap[i];
        double key = share[k];
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < heapSize && share[heap[right]] < share[heap[child]]) {
                child = right;
            }
            int c = heap[child];
            if (key <= share[c]) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = k;
    }
}
