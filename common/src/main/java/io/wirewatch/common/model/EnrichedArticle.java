package io.wirewatch.common.model;

import java.util.List;

/** A raw article plus what enrich found in it ({@code news.enriched.v1}). */
public record EnrichedArticle(
        String id,
        String url,
        String canonicalUrl,
        String outlet,
        String title,
        String author,
        String published,
        String fetched,
        String lang,
        String text,
        List<Entity> entities,
        String storyId,
        String duplicateOf,
        List<Claim> claims) {

    public static EnrichedArticle of(RawArticle a, List<Entity> entities, String storyId,
                                     String duplicateOf, List<Claim> claims) {
        return new EnrichedArticle(a.id(), a.url(), a.canonicalUrl(), a.outlet(), a.title(), a.author(),
                a.published(), a.fetched(), a.lang(), a.text(), entities, storyId, duplicateOf, claims);
    }

    public EnrichedArticle withStory(String storyId, String duplicateOf) {
        return new EnrichedArticle(id, url, canonicalUrl, outlet, title, author, published, fetched, lang,
                text, entities, storyId, duplicateOf, claims);
    }
}
