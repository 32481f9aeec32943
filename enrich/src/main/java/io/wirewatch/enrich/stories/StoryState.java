package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.Story;

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
        List<String> main = entityCounts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(10).map(Map.Entry::getKey).toList();
        // every organisation of the story, so that aggregate can date their undated claims
        List<String> orgs = entityCounts.keySet().stream().filter(e -> e.startsWith("ORG/"))
                .map(e -> e.substring(4)).sorted().toList();
        return new Story(id, headline, firstSeen, lastSeen, anchorDate, articleIds, outlets, main, orgs, size, null);
    }

    /** What stays on {@code news.stories.v1} once this story is absorbed by {@code survivorId}. */
    public Story toRedirect(String survivorId) {
        return Story.redirect(id, headline, survivorId);
    }
}
