package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.Claim;

/** A claim with the article facts the fold needs: where it came from, when, and in which story. */
public record ClaimRecord(
        Claim claim,
        String articleId,
        String url,
        String outlet,
        String published,
        String storyId,
        String duplicateOf) {
}
