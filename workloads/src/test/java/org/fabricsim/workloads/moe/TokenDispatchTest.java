package org.fabricsim.workloads.moe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fabricsim.core.random.RandomStreams;
import org.junit.jupiter.api.Test;

class TokenDispatchTest {
    private static final int EXPERTS = 64;
    private static final int K = 4;
    private static final double[] ZIPF = new ExpertPopularity("zipf", 1.2, null).weights(EXPERTS, null);

    private static ExpertRouter router() {
        return new ExpertRouter(ZIPF, K, new RandomStreams(7).stream("m"));
    }

    @Test
    void pairsPerCopy_areTheRoutersDrawsDealtAsTheSplitterDealsThem() {
        // the same draws counted per expert and split over the copies at once, against one pair at a time
        ExpertLayout layout = ExpertLayout.of(ZIPF, 8);
        ExpertRouter plain = router();
        ReplicaSplitter plainSplit = layout.splitter();
        ExpertRouter dispatched = router();
        ReplicaSplitter dispatchedSplit = layout.splitter();
        TokenDispatch dispatch = new TokenDispatch();
        for (int tokens : new int[] {1, 6, 40, ExpertRouter.AGGREGATE_TOKENS, 1000, 3}) {
            int[] perExpert = new int[EXPERTS];
            int[] expected = new int[layout.copies()];
            plain.routeTokens(tokens, perExpert);
            plainSplit.split(perExpert, expected);
            int[] pairs = new int[layout.copies()];
            int[] hit = new int[layout.copies()];
            int hits = dispatch.route(dispatched, dispatchedSplit, tokens, pairs, hit, 0, 1, 0, null, 0, null);
            assertArrayEquals(expected, pairs, tokens + " tokens");
            assertEquals(tokens * K, java.util.Arrays.stream(pairs).sum(), "every token reaches k experts");
            java.util.Arrays.sort(hit, 0, hits);
            int n = 0;
            for (int c = 0; c < layout.copies(); c++) {
                if (pairs[c] > 0) {
                    assertEquals(c, hit[n++], tokens + " tokens: the copies hit are those with pairs");
                }
            }
            assertEquals(n, hits);
        }
    }

    @Test
    void bySource_dealsTokensRoundRobinOverTheSenders() {
        ExpertLayout layout = ExpertLayout.single(EXPERTS);
        int[] column = new int[EXPERTS];
        for (int e = 0; e < EXPERTS; e++) {
            column[e] = e / 16; // four columns (ranks) of 16 experts
        }
        TokenDispatch dispatch = new TokenDispatch();
        for (int tokens : new int[] {10, 1000}) {
            int[] pairs = new int[EXPERTS];
            int[] hit = new int[EXPERTS];
            int senders = 3;
            int[] bySource = new int[(2 + senders) * 4];
            dispatch.route(router(), layout.splitter(), tokens, pairs, hit, 0, senders, 2, bySource, 4, column);
            for (int s = 0; s < 2; s++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(0, bySource[s * 4 + c], "senders before the first send nothing");
                }
            }
            int[] perColumn = new int[4];
            for (int e = 0; e < EXPERTS; e++) {
                perColumn[column[e]] += pairs[e];
            }
            for (int c = 0; c < 4; c++) {
                int sum = 0;
                for (int s = 2; s < 2 + senders; s++) {
                    sum += bySource[s * 4 + c];
                }
                assertEquals(perColumn[c], sum, tokens + " tokens, column " + c + ": every pair is sent once");
            }
            for (int s = 2; s < 2 + senders; s++) {
                int sent = 0;
                for (int c = 0; c < 4; c++) {
                    sent += bySource[s * 4 + c];
                }
                // round robin: a sender holds tokens / senders tokens give or take one (k pairs) one by one, and at
                // once an even share of every copy's pairs give or take one pair per copy
                double slack = tokens < ExpertRouter.AGGREGATE_TOKENS ? K : EXPERTS;
                assertTrue(Math.abs(sent - (double) tokens * K / senders) <= slack, tokens + ": sender " + s + " sent " + sent);
            }
        }
    }

    @Test
    void ascending_listsDistinctCopiesAsASortDoes() {
        // random subsets of random sizes (word boundaries included), in random order, reusing one dispatch's scratch
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        TokenDispatch dispatch = new TokenDispatch();
        for (int trial = 0; trial < 500; trial++) {
            int copies = 1 + random.nextInt(700);
            int[] all = java.util.stream.IntStream.range(0, copies).toArray();
            for (int i = copies - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            int hits = random.nextInt(copies + 1);
            int[] hit = java.util.Arrays.copyOf(all, copies);
            int[] sorted = java.util.Arrays.copyOf(all, hits);
            java.util.Arrays.sort(sorted);
            dispatch.ascending(hit, hits, copies);
            assertArrayEquals(sorted, java.util.Arrays.copyOf(hit, hits), copies + " copies, " + hits + " hits");
        }
    }

    @Test
    void aggregatedChunk_dealsEachCopysPairsEvenly_remainderToTheFirstSenders() {
        // a prompt chunk: every copy's pairs split over the senders, one more to each of the first (pairs mod senders)
        ExpertLayout layout = ExpertLayout.of(ZIPF, 8);
        int[] column = new int[layout.copies()];
        for (int c = 0; c < column.length; c++) {
            column[c] = (c * 7) % 5;
        }
        TokenDispatch dispatch = new TokenDispatch();
        ExpertRouter router = router();
        ReplicaSplitter splitter = layout.splitter();
        for (int senders : new int[] {1, 3, 8, 3}) {
            int tokens = ExpertRouter.AGGREGATE_TOKENS + 37 * senders;
            int[] pairs = new int[layout.copies()];
            int[] hit = new int[layout.copies()];
            int[] bySource = new int[(1 + senders) * 5];
            dispatch.route(router, splitter, tokens, pairs, hit, 0, senders, 1, bySource, 5, column);
            int[] expected = new int[bySource.length];
            for (int c = 0; c < pairs.length; c++) {
                for (int k = 0; k < senders; k++) {
                    expected[(1 + k) * 5 + column[c]] += pairs[c] / senders + (k < pairs[c] % senders ? 1 : 0);
                }
            }
            assertArrayEquals(expected, bySource, senders + " senders");
        }
    }
}
