package io.wirewatch.aggregate.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything known about one organisation: its claims by article and the dates of its stories.
 * The status table is a pure function of the ledger, so any arrival order gives the same table.
 */
public record OrgLedger(String orgId, String name, TreeSet<String> aliases,
                        TreeMap<String, List<ClaimRecord>> claimsByArticle, TreeMap<String, String> storyAnchors) {

    public static OrgLedger empty(String orgId) {
        return new OrgLedger(orgId, null, new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
    }

    public OrgLedger apply(OrgEvent e) {
        TreeSet<String> al = new TreeSet<>(aliases);
        TreeMap<String, List<ClaimRecord>> cl = new TreeMap<>(claimsByArticle);
        TreeMap<String, String> an = new TreeMap<>(storyAnchors);
        String n = name;
        if (e.articleId() != null) {
            cl.put(e.articleId(), e.claims() == null ? List.of() : List.copyOf(e.claims()));
            if (e.aliases() != null) {
                al.addAll(e.aliases());
            }
            if (e.orgName() != null) {
                n = e.orgName();
            }
        }
        if (e.storyId() != null && e.storyAnchor() != null) {
            an.put(e.storyId(), e.storyAnchor());
        }
        return new OrgLedger(orgId, n, al, cl, an);
    }

    public List<ClaimRecord> allClaims() {
        List<ClaimRecord> out = new ArrayList<>();
        claimsByArticle.values().forEach(out::addAll);
        return out;
    }

    public Map<String, String> anchors() {
        return storyAnchors;
    }
}
