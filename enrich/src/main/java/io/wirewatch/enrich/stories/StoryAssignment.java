package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;

import java.util.List;

/**
 * An article with its story id, its {@code news.enriched.v1} JSON when it came made ({@link StoryInput};
 * otherwise null), the story as it stands after the article joined it, and the redirects of the stories
 * it absorbed on the way (usually none).
 */
public record StoryAssignment(EnrichedArticle article, byte[] articleJson, Story story, List<Story> redirects) {

    public StoryAssignment(EnrichedArticle article, Story story, List<Story> redirects) {
        this(article, null, story, redirects);
    }

    public StoryAssignment(EnrichedArticle article, Story story) {
        this(article, null, story, List.of());
    }

    /** What this assignment writes to news.stories.v1: the story first, so a redirect never leads to an older one. */
    public List<Story> storyUpdates() {
        if (redirects == null || redirects.isEmpty()) {
            return List.of(story);
        }
        List<Story> out = new java.util.ArrayList<>(1 + redirects.size());
        out.add(story);
        out.addAll(redirects);
        return out;
    }
}
