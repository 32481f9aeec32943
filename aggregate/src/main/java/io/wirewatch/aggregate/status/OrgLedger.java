package io.wirewatch.aggregate.status;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything known about one organisation, in memory: the latest claims of each article and the
 * dates of its stories. {@link StatusFolder#fold(OrgLedger)} folds it with the service's
 * incremental fold; the service itself never holds a ledger.
 */
public record OrgLedger(String orgId, TreeMap<String, OrgEvent> articles, TreeMap<String, String> storyAnchors) {

    public static OrgLedger empty(String orgId) {
        return new OrgLedger(orgId, new TreeMap<>(), new TreeMap<>());
    }

    public OrgLedger apply(OrgEvent e) {
        TreeMap<String, OrgEvent> a = new TreeMap<>(articles);
        TreeMap<String, String> s = new TreeMap<>(storyAnchors);
        if (e.articleId() != null) {
            a.put(e.articleId(), e);
        }
        if (e.storyId() != null && e.storyAnchor() != null) {
            s.put(e.storyId(), e.storyAnchor());
        }
        return new OrgLedger(orgId, a, s);
    }

    /** The ledger as events: its articles, then its story dates. */
    public List<OrgEvent> events() {
        List<OrgEvent> out = new ArrayList<>(articles.values());
        storyAnchors.forEach((story, anchor) -> out.add(OrgEvent.storyAnchor(orgId, story, anchor)));
        return out;
    }
}
