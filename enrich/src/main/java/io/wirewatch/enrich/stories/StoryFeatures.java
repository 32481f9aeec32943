package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.time.IsoDates;

import java.util.Map;

/**
 * What {@link StoryClusterer#assign} needs of an article's text, computed from the article alone: the
 * term counts of its title and of its text (kept apart: the title weight is the clusterer's), the hash
 * of its normalised text (exact copies), its MinHash signature (near copies; null when the text has no
 * word) and its event time. Stateless, so enrich computes it on every partition before the one story
 * partition, which then only does what needs the shared state.
 */
public record StoryFeatures(Map<String, Integer> titleTerms, Map<String, Integer> textTerms, String textHash,
                            int[] signature, long eventTime) {

    public static StoryFeatures of(EnrichedArticle a) {
        String text = StoryClusterer.hashedText(a);
        return new StoryFeatures(TextVectors.termCounts(a.title()), TextVectors.termCounts(a.text()),
                StoryClusterer.textHash(text), NearDuplicates.signature(text), IsoDates.toEpochMillis(a.published()));
    }
}
