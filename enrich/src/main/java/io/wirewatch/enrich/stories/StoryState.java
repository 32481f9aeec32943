package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.Story;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the story store keeps per story: the public {@link Story} fields plus the centroid of its
 * articles' term weights and entity counts (near-copies are found by {@link NearDuplicates}).
 */
public record StoryState(
        String id,
        String headline,
        String firstSeen,
        String lastSeen,
        String anchorDate,
        long lastEventTime,
        List<String> articleIds,
        List<String> outlets,
        Map<String, Integer> entityCounts,
        Map<String, Double> centroid,
        int size,
        double centroidNorm) {

    public StoryState {
        centroid = centroid == null ? null : TermVector.of(centroid); // scored against every article: see TermVector
        if (!(centroidNorm > 0) && centroid != null) {
            centroidNorm = TextVectors.norm(centroid);
        }
    }

    /** A story whose centroid norm is computed from the centroid. */
    public StoryState(String id, String headline, String firstSeen, String lastSeen, String anchorDate,
                      long lastEventTime, List<String> articleIds, List<String> outlets,
                      Map<String, Integer> entityCounts, Map<String, Double> centroid, int size) {
        this(id, headline, firstSeen, lastSeen, anchorDate, lastEventTime, articleIds, outlets, entityCounts, centroid,
                size, 0);
    }

    /** The story as published on {@code news.stories.v1}. */
    public Story toStory() {
        List<String> main = mostCounted(entityCounts, MAIN_ENTITIES);
        // every organisation of the story, so that aggregate can date their undated claims
        List<String> orgs = entityCounts.keySet().stream().filter(e -> e.startsWith("ORG/"))
                .map(e -> e.substring(4)).sorted().toList();
        return new Story(id, headline, firstSeen, lastSeen, anchorDate, articleIds, outlets, main, orgs, size, null);
    }

    private static final int MAIN_ENTITIES = 10;

    /**
     * The {@code k} keys with the highest counts, highest first, ties in the map's order: what a stable
     * sort by count then a limit gives, in one pass without sorting every entity of the story.
     */
    static List<String> mostCounted(Map<String, Integer> counts, int k) {
        String[] keys = new String[k];
        int[] values = new int[k];
        int n = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int v = e.getValue();
            int at = n;
            while (at > 0 && values[at - 1] < v) {
                at--; // after every entry counted as often: earlier ones stay first
            }
            if (at >= k) {
                continue;
            }
            int last = Math.min(n, k - 1);
            System.arraycopy(keys, at, keys, at + 1, last - at);
            System.arraycopy(values, at, values, at + 1, last - at);
            keys[at] = e.getKey();
            values[at] = v;
            if (n < k) {
                n++;
            }
        }
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(keys, n)));
    }

    /** What stays on {@code news.stories.v1} once this story is absorbed by {@code survivorId}. */
    public Story toRedirect(String survivorId) {
        return Story.redirect(id, headline, survivorId);
    }
}
