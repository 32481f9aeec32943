package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;

/**
 * The record on enrich's internal story-assignment repartition topic: the tagged article and its
 * {@link StoryFeatures}. Features are null on a record written before they were carried (plain JSON of
 * the article); the story stage then computes them itself.
 */
public record StoryInput(EnrichedArticle article, StoryFeatures features) {

    public static StoryInput of(EnrichedArticle a) {
        return new StoryInput(a, StoryFeatures.of(a));
    }

    /** The features carried, or computed here when the record came without them. */
    public StoryFeatures featuresOrCompute() {
        return features != null ? features : StoryFeatures.of(article);
    }
}
