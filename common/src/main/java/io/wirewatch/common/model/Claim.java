package io.wirewatch.common.model;

import io.wirewatch.common.time.DateExpr;

/**
 * A status claim read from one sentence: organisation {@code org} has {@code status} in
 * {@code jurisdiction} from {@code date}. {@code background} marks a state of affairs the
 * article mentions as history ("banned since 2003") rather than the news it reports.
 * {@code since} is the date as enrich could resolve it; aggregate re-resolves {@code date}
 * against the story when the article itself has no publish date.
 */
public record Claim(
        String org,
        String orgName,
        String jurisdiction,
        String jurisdictionName,
        String status,
        String list,
        DateExpr date,
        String since,
        boolean background,
        String sentence,
        double confidence) {
}
