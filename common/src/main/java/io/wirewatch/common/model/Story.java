package io.wirewatch.common.model;

import java.util.List;

/**
 * A story: articles from one or more outlets about the same development ({@code news.stories.v1}).
 * {@code anchorDate} is the earliest publish date known among its articles; articles without a
 * publish date take their dates from it. {@code articleCount} is how many articles the story holds,
 * also past the cap on {@code articleIds}. A story absorbed by another (two fragments of one event)
 * stays on the table as a redirect: {@code mergedInto} names the story that now lists its articles,
 * and it lists none itself; follow {@code mergedInto} until it is null to find the live story.
 */
public record Story(
        String id,
        String headline,
        String firstSeen,
        String lastSeen,
        String anchorDate,
        List<String> articleIds,
        List<String> outlets,
        List<String> entities,
        List<String> organizations,
        int articleCount,
        String mergedInto) {

    /** A live story that lists all its articles. */
    public Story(String id, String headline, String firstSeen, String lastSeen, String anchorDate,
                 List<String> articleIds, List<String> outlets, List<String> entities, List<String> organizations) {
        this(id, headline, firstSeen, lastSeen, anchorDate, articleIds, outlets, entities, organizations,
                articleIds == null ? 0 : articleIds.size(), null);
    }

    /** The redirect left on the table when this story was absorbed by {@code survivorId}. */
    public static Story redirect(String id, String headline, String survivorId) {
        return new Story(id, headline, null, null, null, List.of(), List.of(), List.of(), List.of(), 0, survivorId);
    }

    /** True for a redirect: an absorbed story that lists no articles of its own. */
    public boolean merged() {
        return mergedInto != null;
    }
}
