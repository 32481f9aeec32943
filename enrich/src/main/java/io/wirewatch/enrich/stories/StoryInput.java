package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.EnrichedJson;

/**
 * The record on enrich's internal story-assignment repartition topic: the tagged article, its
 * {@link StoryFeatures}, and its {@code news.enriched.v1} JSON without a story ({@link EnrichedJson}:
 * {@code enrichedJson}, with the story fields at {@code storyAt}), all made on the stateless partitions
 * so that the one story thread neither recomputes the features nor encodes the article's text. Features
 * and JSON are null on a record written before they were carried (plain JSON of the article); the story
 * stage then makes them itself.
 */
public record StoryInput(EnrichedArticle article, StoryFeatures features, byte[] enrichedJson, int storyAt) {

    public static StoryInput of(EnrichedArticle a) {
        EnrichedJson.Template json = EnrichedJson.template(a);
        return new StoryInput(a, StoryFeatures.of(a), json.json(), json.storyAt());
    }

    /** An article as the repartition topic held it before features were carried. */
    public static StoryInput withoutFeatures(EnrichedArticle a) {
        return new StoryInput(a, null, null, -1);
    }

    /** The features carried, or computed here when the record came without them. */
    public StoryFeatures featuresOrCompute() {
        return features != null ? features : StoryFeatures.of(article);
    }

    /** The finished article's JSON, or null when none was carried (the output encodes the article). */
    public byte[] enrichedJson(String storyId, String duplicateOf) {
        return EnrichedJson.withStory(enrichedJson, storyAt, storyId, duplicateOf);
    }
}
