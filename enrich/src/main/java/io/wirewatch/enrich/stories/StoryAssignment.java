package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;

/**
 * An article with its story id, the story as it stands after the article joined it, and the id of
 * a story this one absorbed on the way (null if none): it is tombstoned on {@code news.stories.v1}.
 */
public record StoryAssignment(EnrichedArticle article, Story story, String absorbedStoryId) {}
