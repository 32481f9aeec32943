package io.wirewatch.aggregate.status;

import java.util.TreeSet;

/**
 * A story as one organisation's fold sees it: its anchor date and the organisation's undated
 * articles in it, whose claims are re-dated when the anchor changes.
 */
public record StoryDates(String anchor, TreeSet<String> undatedArticles) {

    public static StoryDates empty() {
        return new StoryDates(null, new TreeSet<>());
    }
}
