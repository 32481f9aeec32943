package io.wirewatch.aggregate.status;

import java.util.List;

/**
 * What reaches an organisation's ledger: the claims of one article about it (replacing that
 * article's earlier claims, so a re-processed article never counts twice), or the date of a
 * story it appears in (which dates the claims of its undated articles).
 */
public record OrgEvent(String orgId, String orgName, List<String> aliases, String articleId, List<ClaimRecord> claims,
                       String storyId, String storyAnchor) {

    public static OrgEvent claims(String orgId, String orgName, List<String> aliases, String articleId,
                                  List<ClaimRecord> claims) {
        return new OrgEvent(orgId, orgName, aliases, articleId, claims, null, null);
    }

    public static OrgEvent storyAnchor(String orgId, String storyId, String anchor) {
        return new OrgEvent(orgId, null, List.of(), null, null, storyId, anchor);
    }
}
