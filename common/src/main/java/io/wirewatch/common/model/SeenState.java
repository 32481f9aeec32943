package io.wirewatch.common.model;

/** Fetch state of a URL ({@code news.seen.v1}, compacted, keyed by article id). */
public record SeenState(
        String url,
        String canonicalUrl,
        String etag,
        String lastModified,
        String lastFetch,
        String outcome) {
}
