package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.EnrichedJson;

import java.util.List;

/**
 * The record on enrich's internal story-assignment repartition topic: the tagged article, its
 * {@link StoryFeatures}, and its {@code news.enriched.v1} JSON without a story ({@link EnrichedJson}:
 * {@code enrichedJson}, with the story fields at {@code storyAt}), all made on the stateless partitions
 * so that the one story thread neither recomputes the features nor encodes the article's text. Features
 * and JSON are null on a record written before they were carried (plain JSON of the article); the story
 * stage then makes them itself.
 *
 * <p>When the JSON is carried, the article is carried without what only that JSON needs: its claims, and
 * its text unless the title is blank (a story takes its headline from the text then). The text is most
 * of an article, so otherwise the topic would hold it twice.
 */
public record StoryInput(EnrichedArticle article, StoryFeatures features, byte[] enrichedJson, int storyAt) {

    public static StoryInput of(EnrichedArticle a) {
        EnrichedJson.Template json = EnrichedJson.template(a);
        // without a usable template the story stage encodes the article itself, so it keeps everything
        EnrichedArticle carried = json.storyAt() < 0 ? a : forStoryStage(a);
        return new StoryInput(carried, StoryFeatures.of(a), json.json(), json.storyAt());
    }

    /** An article as the repartition topic held it before features were carried. */
    public static StoryInput withoutFeatures(EnrichedArticle a) {
        return new StoryInput(a, null, null, -1);
    }

    /** What the story stage reads of an article once its features and JSON are made. */
    static EnrichedArticle forStoryStage(EnrichedArticle a) {
        boolean headlineFromText = a.title() == null || a.title().isBlank();
        return new EnrichedArticle(a.id(), a.url(), a.canonicalUrl(), a.outlet(), a.title(), a.author(), a.published(),
                a.fetched(), a.lang(), headlineFromText ? a.text() : null, a.entities(), a.storyId(), a.duplicateOf(),
                List.of());
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
