package io.wirewatch.aggregate.route;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.Entity;

import java.util.List;

/**
 * What aggregate reads of an enriched article ({@code news.enriched.v1}): the fields of
 * {@link io.wirewatch.common.model.EnrichedArticle} the fold uses. Its text, title and the rest are
 * skipped by the parser without being decoded, and they are most of the record's bytes.
 */
public record ArticleClaims(String id, String url, String outlet, String published, List<Entity> entities,
                            String storyId, String duplicateOf, List<Claim> claims) {
}
