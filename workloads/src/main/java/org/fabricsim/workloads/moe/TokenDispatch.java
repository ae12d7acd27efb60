package org.fabricsim.workloads.moe;

import java.util.Arrays;

/**
 * The MoE route-and-split every engine does, written once: a layer's tokens are routed to their top-k experts
 * ({@link ExpertRouter}) and a replicated expert's tokens dealt over its copies ({@link ReplicaSplitter}). The
 * result is (token, expert) pairs per expert copy and the copies hit. Tokens may come from several senders (the
 * GPUs of a tensor-parallel group each hold a share of them): they are dealt round robin, and the pairs each sender
 * sends to each column (an expert-parallel rank) can be counted too. Below {@link ExpertRouter#AGGREGATE_TOKENS}
 * tokens route one by one; at and above, the counts are drawn at once and each sender sends an even share of every
 * copy's pairs. One per engine: the scratch is kept between calls, so routing a layer allocates nothing.
 */
public final class TokenDispatch {
    private int[] expertScratch = new int[0];
    private int[] copyScratch = new int[0];
    private int[] chosen = new int[0];
    private long[] hitBits = new long[0];
    /** Per column of an aggregated layer: its copies' even shares summed, and how many copies left each remainder. */
    private int[] columnEven = new int[0];
    private int[] columnRests = new int[0];

    /**
     * Routes {@code tokens} tokens: adds to {@code pairsPerCopy[c]} the pairs copy c serves, appends to
     * {@code hit} (from index {@code hits}) each copy that gets its first pair, and returns the new number of hits.
     * When {@code bySource} is not null, the pairs sender s of {@code senders} (numbered from {@code firstSender})
     * sends to copy c are added to {@code bySource[s * columns + columnOf[c]]}.
     */
    public int route(ExpertRouter router, ReplicaSplitter splitter, int tokens, int[] pairsPerCopy, int[] hit, int hits,
            int senders, int firstSender, int[] bySource, int columns, int[] columnOf) {
        int copies = splitter.layout().copies();
        if (tokens >= ExpertRouter.AGGREGATE_TOKENS) {
            if (expertScratch.length != splitter.layout().experts()) {
                expertScratch = new int[splitter.layout().experts()];
            }
            if (copyScratch.length != copies) {
                copyScratch = new int[copies];
            }
            Arrays.fill(expertScratch, 0);
            Arrays.fill(copyScratch, 0);
            if (bySource != null && (columnEven.length < columns || columnRests.length < columns * senders)) {
                columnEven = new int[columns];
                columnRests = new int[columns * senders];
            }
            router.routeTokens(tokens, expertScratch);
            splitter.split(expertScratch, copyScratch);
            for (int c = 0; c < copies; c++) {
                int pairs = copyScratch[c];
                if (pairs == 0) {
                    // nothing to add: no hit, and every sender's share of zero is zero
                    continue;
                }
                if (pairsPerCopy[c] == 0) {
                    hit[hits++] = c;
                }
                pairsPerCopy[c] += pairs;
                if (bySource != null) {
                    int column = columnOf[c];
                    columnEven[column] += pairs / senders;
                    columnRests[column * senders + pairs % senders]++;
                }
            }
            if (bySource != null) {
                dealColumns(bySource, senders, firstSender, columns);
            }
            return hits;
        }
        if (chosen.length != router.activeExperts()) {
            chosen = new int[router.activeExperts()];
        }
        int sender = firstSender;
        for (int t = 0; t < tokens; t++) {
            router.route(chosen);
            for (int e : chosen) {
                int c = splitter.copyFor(e);
                if (pairsPerCopy[c]++ == 0) {
                    hit[hits++] = c;
                }
                if (bySource != null) {
                    bySource[sender * columns + columnOf[c]]++;
                }
            }
            sender = sender + 1 == firstSender + senders ? firstSender : sender + 1;
        }
        return hits;
    }

    /**
     * Adds each column's pairs to its senders as dealing every copy's pairs does (an even share each, the remainder
     * one pair at a time to the first senders): sender k gets the column's even shares and one pair per copy whose
     * remainder exceeds k. Integer sums, so grouping them by column gives each sender's count exactly; the scratch is
     * left zero.
     */
    private void dealColumns(int[] bySource, int senders, int firstSender, int columns) {
        for (int column = 0; column < columns; column++) {
            int even = columnEven[column];
            columnEven[column] = 0;
            int above = 0;
            for (int k = senders - 1; k >= 0; k--) {
                // copies whose remainder is above k: those of remainder k + 1 .. senders - 1
                above += k + 1 < senders ? columnRests[column * senders + k + 1] : 0;
                bySource[(firstSender + k) * columns + column] += even + above;
            }
            for (int r = 0; r < senders; r++) {
                columnRests[column * senders + r] = 0;
            }
        }
    }

    /**
     * Puts {@code hit[0..hits)}, distinct copies below {@code copies}, in ascending order, as a sort would: a bitset
     * lists them in O(hits + copies / 64), where sorting the ~110 copies a 16-token chunk of a top-8 layer hits spent a
     * fifth of a wafer run.
     */
    public void ascending(int[] hit, int hits, int copies) {
        int words = (copies + 63) >>> 6;
        if (hitBits.length < words) {
            hitBits = new long[words];
        }
        long[] bits = hitBits;
        for (int k = 0; k < hits; k++) {
            bits[hit[k] >>> 6] |= 1L << hit[k];
        }
        int n = 0;
        for (int w = 0; w < words; w++) {
            long b = bits[w];
            bits[w] = 0;
            while (b != 0) {
                hit[n++] = (w << 6) | Long.numberOfTrailingZeros(b);
                b &= b - 1;
            }
        }
    }
}
