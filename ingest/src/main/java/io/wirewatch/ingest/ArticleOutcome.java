package io.wirewatch.ingest;

import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.SeenState;

/**
 * What became of one frontier entry: an article (with its fetch state), a skip (already fetched, or
 * not modified), or a failure with the stage ("ingest.fetch" / "ingest.extract") and a reason code.
 */
public record ArticleOutcome(Kind kind, RawArticle article, SeenState seen, String stage, String reason,
                             String detail) {

    public enum Kind { PUBLISHED, SKIPPED, FAILED }

    public static ArticleOutcome published(RawArticle a, SeenState s) {
        return new ArticleOutcome(Kind.PUBLISHED, a, s, null, null, null);
    }

    public static ArticleOutcome skipped(String why) {
        return new ArticleOutcome(Kind.SKIPPED, null, null, null, why, null);
    }

    public static ArticleOutcome failed(String stage, String reason, String detail, SeenState s) {
        return new ArticleOutcome(Kind.FAILED, null, s, stage, reason, detail);
    }
}
