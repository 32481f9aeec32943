package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;

/** An article with its story id, and the story as it stands after the article joined it. */
public record StoryAssignment(EnrichedArticle article, Story story) {}
