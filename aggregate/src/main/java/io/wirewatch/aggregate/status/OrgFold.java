package io.wirewatch.aggregate.status;

import io.wirewatch.aggregate.status.FoldState.Table;
import io.wirewatch.aggregate.status.RowState.Point;
import io.wirewatch.aggregate.status.RowState.Support;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static io.wirewatch.aggregate.status.FoldState.SEP;

/**
 * The incremental fold: one event changes only the rows its claims touch. An article's new claims
 * replace its old ones (the old are retracted from the rows' counts, the new added); a story's new
 * date re-dates the organisation's undated articles in it. Every piece of state is a count over the
 * current set of claims, so the tables depend on that set only, never on arrival order, and the
 * cost of a claim depends on the size of its row's summary (its distinct dates and outlets), not on
 * how many claims came before.
 */
public final class OrgFold {

    /**
     * What {@link #apply} did to the organisation's table: the whole table ({@code status}) and its
     * JSON as published ({@code json}: within the byte budget, see {@link TableBound}).
     */
    public record Change(boolean changed, OrgStatus status, byte[] json) {
        static final Change NONE = new Change(false, null, null);

        public Change(boolean changed, OrgStatus status) {
            this(changed, status, null);
        }
    }

    private final FoldState state;

    public OrgFold(FoldState state) {
        this.state = state;
    }

    /** Applies one event; the table is changed (possibly to null: no usable claim left) or unchanged. */
    public Change apply(OrgEvent e) {
        Set<String> rows = update(e);
        return rows == null ? Change.NONE : table(e.orgId(), rows, TableBound.DEFAULT_MAX_BYTES);
    }

    /**
     * Applies one event to the rows, names and story dates, without building the table. Returns the
     * row keys it touched (empty when only the names may have moved), or null when it changed nothing.
     * {@link #table} then builds the table from those rows; the service does that once per commit
     * for every row its events touched, which gives the table of the last event.
     */
    public Set<String> update(OrgEvent e) {
        if (e == null || e.orgId() == null) {
            return null;
        }
        Tx tx = new Tx(state);
        String org = e.orgId();
        TreeSet<String> rows = new TreeSet<>();
        if (e.articleId() != null) {
            String key = org + SEP + e.articleId();
            OrgEvent latest = new OrgEvent(org, e.orgName(), e.aliases() == null ? List.of() : List.copyOf(e.aliases()),
                    e.articleId(), e.claims() == null ? List.of() : List.copyOf(e.claims()), null, null);
            OrgEvent old = tx.articles.get(key);
            if (latest.equals(old)) {
                return null; // the same article again (a retry, a replay): nothing to do
            }
            if (old == null && latest.claims().stream().noneMatch(StatusFolder::usable)) {
                return null; // a mention without claims: nothing to retract, nothing to keep
            }
            OrgNames names = tx.names(org);
            if (old != null) {
                contribute(tx, names, old, -1, rows);
            }
            contribute(tx, names, latest, +1, rows);
            tx.articles.put(key, latest);
            tx.names.put(org, names);
        } else if (e.storyId() != null && e.storyAnchor() != null) {
            String key = org + SEP + e.storyId();
            StoryDates story = Optional.ofNullable(tx.stories.get(key)).orElseGet(StoryDates::empty);
            if (e.storyAnchor().equals(story.anchor())) {
                return null;
            }
            List<OrgEvent> undated = new ArrayList<>();
            for (String articleId : story.undatedArticles()) {
                OrgEvent a = tx.articles.get(org + SEP + articleId);
                if (a != null) {
                    undated.add(a);
                }
            }
            // re-dating retracts and adds the same articles: their names cancel out, only rows move
            OrgNames names = undated.isEmpty() ? null : tx.names(org);
            for (OrgEvent a : undated) {
                contribute(tx, names, a, -1, rows); // dated by the old anchor
            }
            tx.stories.put(key, new StoryDates(e.storyAnchor(), tx.stories.get(key) == null
                    ? new TreeSet<>() : tx.stories.get(key).undatedArticles()));
            for (OrgEvent a : undated) {
                contribute(tx, names, a, +1, rows);
            }
            if (undated.isEmpty()) {
                tx.flush();
                return null; // no claim of this organisation is dated by the story (yet)
            }
        } else {
            return null;
        }
        tx.flush();
        return rows;
    }

    /** {@link #table(String, Collection, int)} with the default byte budget. */
    public Change table(String org, Collection<String> touched) {
        return table(org, touched, TableBound.DEFAULT_MAX_BYTES);
    }

    /**
     * The organisation's table with the given rows refolded from the state, stored if it changed, and
     * its JSON within {@code maxBytes}. A table cut to its budget is emitted whenever a row was touched:
     * its rows' {@code evidenceTotal} counts sentences it does not show. A table within its budget is
     * emitted only when it changed.
     */
    public Change table(String org, Collection<String> touched, int maxBytes) {
        OrgStatus before = state.tables().get(org);
        OrgNames names = state.names().get(org);
        OrgStatus after = table(state, org, names == null ? OrgNames.empty() : names, before, touched,
                state.encoded().get(org));
        TableBound.Published p = publish(state, org, after, maxBytes);
        OrgStatus stored = p.stored(after);
        boolean changed = !Objects.equals(before, stored);
        if (changed) {
            state.putTable(org, stored, p);
        }
        // after's rows are the stored ones, or before's when it did not change, or, stored cut, held by p.encoded()
        state.encoded().put(org, p.encoded());
        if (!p.cut() && !changed) {
            return Change.NONE;
        }
        return new Change(true, after, p.json());
    }

    /**
     * The organisation's table as published: within {@code maxBytes}, cut as {@link TableBound} says,
     * each row's evidence count read from its state, the JSON of rows it still has from the last one
     * kept ({@link FoldState#encoded()}) reused.
     */
    public static TableBound.Published publish(FoldState state, String org, OrgStatus table, int maxBytes) {
        return TableBound.publish(table, r -> {
            RowState row = state.rows().get(rowKey(org, r));
            return row == null ? 0 : row.evidence();
        }, maxBytes, state.encoded().get(org));
    }

    private static String rowKey(String org, JurisdictionRow r) {
        return rowKey(org, r.code(), r.list());
    }

    /** The key of a row, (organisation, jurisdiction, list), in the row and evidence stores. */
    private static String rowKey(String org, String jurisdiction, String list) {
        return org + SEP + jurisdiction + SEP + (list == null ? "" : list);
    }

    /** Adds ({@code sign} +1) or retracts (-1) an article's claims, its names and aliases. */
    private void contribute(Tx tx, OrgNames table, OrgEvent a, int sign, TreeSet<String> rows) {
        TreeSet<String> names = new TreeSet<>();
        TreeSet<String> aliases = new TreeSet<>(a.aliases() == null ? List.of() : a.aliases());
        TreeSet<String> undatedIn = new TreeSet<>();
        for (ClaimRecord cr : a.claims()) {
            if (!StatusFolder.usable(cr)) {
                continue; // a claim enrich could not complete is skipped: it must not poison the organisation
            }
            if (cr.claim().orgName() != null) {
                names.add(cr.claim().orgName());
                aliases.add(cr.claim().orgName());
            }
            String anchor = null;
            if (StatusFolder.undated(cr) && cr.storyId() != null) {
                undatedIn.add(cr.storyId());
                StoryDates s = tx.stories.get(a.orgId() + SEP + cr.storyId());
                anchor = s == null ? null : s.anchor();
            }
            rows.add(claim(tx, a.orgId(), StatusFolder.date(cr, anchor), sign));
        }
        for (String story : undatedIn) {
            String key = a.orgId() + SEP + story;
            StoryDates s = Optional.ofNullable(tx.stories.get(key)).orElseGet(StoryDates::empty);
            TreeSet<String> ids = new TreeSet<>(s.undatedArticles());
            if (sign > 0) {
                ids.add(a.articleId());
            } else {
                ids.remove(a.articleId());
            }
            tx.stories.put(key, s.anchor() == null && ids.isEmpty() ? null : new StoryDates(s.anchor(), ids));
        }
        names.forEach(n -> RowState.add(table.names(), n, sign));
        if (names.isEmpty() && a.orgName() != null) {
            RowState.add(table.fallbackNames(), a.orgName(), sign);
        }
        aliases.forEach(n -> RowState.add(table.aliases(), n, sign));
    }

    /** One claim into (or out of) its row: point, point weight, status support, evidence. Returns the row key. */
    private static String claim(Tx tx, String org, StatusFolder.Dated d, int sign) {
        ClaimRecord cr = d.record();
        String list = cr.claim().list();
        String rowKey = rowKey(org, cr.claim().jurisdiction(), list);
        RowState row = Optional.ofNullable(tx.rows.get(rowKey)).orElseGet(() -> RowState.empty(cr.claim().jurisdiction(), list));
        String status = d.status().name();
        boolean original = cr.duplicateOf() == null;
        String outlet = cr.outlet() == null ? cr.articleId() : cr.outlet();
        int confidence = (int) Math.round(Math.max(0, Math.min(1, cr.claim().confidence())) * 1000);

        String pointKey = Point.key(status, d.since(), d.position(), d.scheduled());
        Point p = row.points().get(pointKey);
        if (p == null) {
            p = new Point(status, d.since(), d.position(), d.scheduled(), 0, 0);
        }
        int weightDelta = 0;
        if (original) {
            String k = rowKey + SEP + "p" + SEP + pointKey + SEP + outlet;
            OutletTally t = Optional.ofNullable(tx.tallies.get(k)).orElseGet(OutletTally::empty);
            boolean had = !t.isEmpty();
            RowState.add(t.byConfidence(), confidence, sign);
            weightDelta = had == t.isEmpty() ? (had ? -1 : 1) : 0;
            tx.tallies.put(k, t.isEmpty() ? null : t);
        }
        p = p.plus(sign, weightDelta);
        if (p.claims() <= 0) {
            row.points().remove(pointKey);
        } else {
            row.points().put(pointKey, p);
        }
        RowState.add(row.names(), cr.claim().jurisdictionName(), sign);

        Support s = row.support().computeIfAbsent(status, x -> Support.empty());
        if (original) {
            String k = rowKey + SEP + "s" + SEP + status + SEP + outlet;
            OutletTally t = Optional.ofNullable(tx.tallies.get(k)).orElseGet(OutletTally::empty);
            Integer bestBefore = t.best();
            RowState.add(t.byConfidence(), confidence, sign);
            Integer bestAfter = t.best();
            if (!Objects.equals(bestBefore, bestAfter)) {
                RowState.add(s.outlets(), bestBefore, -1);
                RowState.add(s.outlets(), bestAfter, 1);
            }
            tx.tallies.put(k, t.isEmpty() ? null : t);
        } else {
            RowState.add(s.copies(), confidence, sign);
        }
        if (s.isEmpty()) {
            row.support().remove(status);
        }

        String sentence = cr.claim().sentence() == null ? "" : cr.claim().sentence();
        String ek = rowKey + SEP + (cr.published() == null ? "" : cr.published()) + SEP + cr.articleId() + SEP + sentence;
        EvidenceTally ev = tx.evidence.get(ek);
        int had = ev == null ? 0 : ev.claims();
        int n = had + sign;
        tx.evidence.put(ek, n <= 0 ? null : new EvidenceTally(
                new Evidence(cr.articleId(), cr.url(), cr.outlet(), cr.published(), cr.claim().sentence()), n));
        // the row's count of distinct evidence sentences: one more when a sentence appears, one less when it goes
        row = row.withEvidence(had <= 0 && n > 0 ? 1 : had > 0 && n <= 0 ? -1 : 0);

        tx.rows.put(rowKey, row.points().isEmpty() ? null : row);
        return rowKey;
    }

    /** The table with the touched rows refolded; null when no row is left. */
    private static OrgStatus table(FoldState state, String org, OrgNames table, OrgStatus before,
                                   Collection<String> touched, TableBound.Encoded kept) {
        Map<String, JurisdictionRow> rows = new TreeMap<>();
        Set<String> refold = new TreeSet<>(touched);
        if (before != null) {
            for (JurisdictionRow r : before.jurisdictions()) {
                String key = rowKey(org, r);
                rows.put(key, r);
                if (r.evidence().size() < StatusFolder.MAX_EVIDENCE && !refold.contains(key)) {
                    // a row the stored table may have cut (TableBound.STORE_MAX_BYTES): refold it whole,
                    // also when its count predates the evidence count (0)
                    RowState state0 = state.rows().get(key);
                    if (state0 != null && (state0.evidence() == 0 || r.evidence().size() < state0.evidence())) {
                        // as last folded whole, if the table was last published from this state (kept: the
                        // rows touched since are refolded anyway); else from the state
                        JurisdictionRow whole = kept == null ? null : kept.whole(r.code(), r.list());
                        if (whole != null) {
                            rows.put(key, whole);
                        } else {
                            refold.add(key);
                        }
                    }
                }
            }
        }
        for (String key : refold) {
            RowState row = state.rows().get(key);
            if (row == null) {
                rows.remove(key);
            } else {
                JurisdictionRow fresh = StatusFolder.row(row, state.lastEvidence(key + SEP, StatusFolder.MAX_EVIDENCE));
                // a row refolded the same stays the same object: its JSON is kept by identity (FoldState.encoded)
                rows.merge(key, fresh, (old, now) -> old.equals(now) ? old : now);
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        List<JurisdictionRow> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparingInt((JurisdictionRow r) -> -r.evidence().size()).thenComparing(JurisdictionRow::code)
                .thenComparing(r -> r.list() == null ? "" : r.list()));
        String name = StatusFolder.mostUsed(table.names());
        if (name == null) {
            name = StatusFolder.mostUsed(table.fallbackNames());
        }
        List<String> aliases = new ArrayList<>(table.aliases().keySet());
        aliases.remove(name);
        return new OrgStatus(org, name, aliases, out);
    }

    /** The reads and writes of one event, written back once at the end. */
    private static final class Tx {
        final Cached<OrgEvent> articles;
        final Cached<StoryDates> stories;
        final Cached<RowState> rows;
        final Cached<OutletTally> tallies;
        final Cached<EvidenceTally> evidence;
        final Cached<OrgNames> names;
        final FoldState state;

        Tx(FoldState s) {
            state = s;
            // the fold changes rows, tallies and names in place: it works on copies, so that a state
            // that holds decoded values is changed only by the writes of an event that completed
            articles = new Cached<>(s.articles(), UnaryOperator.identity());
            stories = new Cached<>(s.stories(), UnaryOperator.identity());
            rows = new Cached<>(s.rows(), RowState::copy);
            tallies = new Cached<>(s.tallies(), OutletTally::copy);
            evidence = new Cached<>(s.evidence(), UnaryOperator.identity());
            names = new Cached<>(s.names(), OrgNames::copy);
        }

        /** The organisation's names as this event has left them so far (mutable: put them back when changed). */
        OrgNames names(String org) {
            OrgNames n = names.get(org);
            return n == null ? OrgNames.empty() : n;
        }

        void flush() {
            articles.flush();
            stories.flush();
            rows.flush();
            tallies.flush();
            evidence.flush();
            names.flush();
        }
    }

    private static final class Cached<V> implements Table<V> {
        private final Table<V> store;
        private final UnaryOperator<V> copy;
        private final Map<String, Optional<V>> seen = new HashMap<>();
        private final Map<String, V> dirty = new HashMap<>();
        private final Set<String> dirtyKeys = new java.util.LinkedHashSet<>();

        Cached(Table<V> store, UnaryOperator<V> copy) {
            this.store = store;
            this.copy = copy;
        }

        @Override
        public V get(String key) {
            return seen.computeIfAbsent(key, k -> Optional.ofNullable(store.get(k)).map(copy)).orElse(null);
        }

        @Override
        public void put(String key, V value) {
            seen.put(key, Optional.ofNullable(value));
            dirty.put(key, value);
            dirtyKeys.add(key);
        }

        void flush() {
            for (String k : dirtyKeys) {
                store.put(k, dirty.get(k));
            }
            dirtyKeys.clear();
            dirty.clear();
        }
    }
}
