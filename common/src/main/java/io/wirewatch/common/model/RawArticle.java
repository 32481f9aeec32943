package io.wirewatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An article as ingest publishes it on {@code news.raw.v1}. Dates are ISO 8601 strings
 * ({@code published} as precise as the source gives it, {@code null} when unknown).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RawArticle(
        String id,
        String url,
        String canonicalUrl,
        String outlet,
        String title,
        String author,
        String published,
        String fetched,
        String lang,
        String text) {
}
