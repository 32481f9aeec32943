package io.wirewatch.common.model;

import java.util.List;

/**
 * A story: articles from one or more outlets about the same development ({@code news.stories.v1}).
 * {@code anchorDate} is the earliest publish date known among its articles; articles without a
 * publish date take their dates from it.
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
        List<String> organizations) {
}
