package org.fabricsim.cli;

import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggests the closest known name to a misspelt one. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The candidate within edit distance max(2, length/3) of {@code word}, or null. */
    static String closest(String word, Collection<?> candidates) {
        if (word == null || candidates == null) {
            return null;
        }
        String best = null;
        int bestDistance = Math.max(2, word.length() / 3) + 1;
        LevenshteinDistance ld = LevenshteinDistance.getDefaultInstance();
        for (Object c : candidates) {
            int d = ld.apply(word.toLowerCase(java.util.Locale.ROOT), String.valueOf(c).toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = String.valueOf(c);
            }
        }
        return best;
    }
}
