package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;

import java.util.Collection;
import java.util.Map;

/**
 * An estimate of the heap a decoded fold value holds, in bytes, for the byte budget of the values
 * the fold keeps decoded ({@link StatusFoldProcessor#DECODED_BYTES_CONFIG}). It counts what a 64-bit
 * JVM with compressed references lays out (16-byte object headers rounded to 8, a string as its
 * {@code String} and its Latin-1 or UTF-16 array, a tree map entry, a boxed count), walking the
 * value once; every string counts on its own, as decoding makes a new one each time.
 */
final class HeapWeight {

    static final int STRING = 24 + 16;
    static final int TREE_MAP = 48;
    static final int TREE_ENTRY = 40;
    static final int BOXED = 16;
    static final int LIST = 24 + 16;
    static final int REF = 4;

    private HeapWeight() {}

    /** The value held under a key, with the key and the cache's own entry. */
    static int of(String key, Object value) {
        long w = 64 + string(key) + value(value);
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    static long value(Object v) {
        if (v instanceof RowState r) {
            return row(r);
        } else if (v instanceof OrgStatus s) {
            return table(s);
        } else if (v instanceof OutletTally t) {
            return 16 + counts(t.byConfidence());
        } else if (v instanceof OrgNames n) {
            return 24 + counts(n.names()) + counts(n.fallbackNames()) + counts(n.aliases());
        } else if (v instanceof StoryDates d) {
            return 24 + string(d.anchor()) + 16 + strings(d.undatedArticles());
        } else if (v instanceof Weighed w) {
            return 16 + w.heap(); // the record and the value it weighs
        } else if (v instanceof TableBound.Encoded e) {
            return e.bytes(); // its rows are its table's, weighed with it, or weighed here (a table stored cut)
        }
        throw new IllegalArgumentException("no heap weight for " + (v == null ? null : v.getClass()));
    }

    /**
     * A decoded value with its weight already known ({@link #value} of it), so that the cache's weigher does not walk
     * it at every put: a table put by the fold is weighed from its rows' weights, kept with their JSON
     * ({@link TableBound.Published#storedHeap}), each row walked once per row value.
     */
    record Weighed(Object value, long heap) {
        static Weighed of(Object value) {
            return new Weighed(value, HeapWeight.value(value));
        }
    }

    static long row(RowState r) {
        long w = 40 + string(r.code()) + string(r.list()) + TREE_MAP + counts(r.names()) + TREE_MAP;
        for (Map.Entry<String, RowState.Point> e : r.points().entrySet()) {
            RowState.Point p = e.getValue();
            w += TREE_ENTRY + string(e.getKey()) + 40 + string(p.status()) + string(p.since()) + string(p.position());
        }
        for (Map.Entry<String, RowState.Support> e : r.support().entrySet()) {
            w += TREE_ENTRY + string(e.getKey()) + 24 + counts(e.getValue().outlets()) + counts(e.getValue().copies());
        }
        return w;
    }

    static long table(OrgStatus s) {
        long w = tableWithoutRows(s);
        for (JurisdictionRow r : s.jurisdictions()) {
            w += REF + row(r);
        }
        return w;
    }

    /** A table's object, names and aliases, and its list of rows without them. */
    static long tableWithoutRows(OrgStatus s) {
        return 32 + string(s.id()) + string(s.name()) + strings(s.aliases()) + LIST;
    }

    static long row(JurisdictionRow r) {
        long w = 56 + string(r.code()) + string(r.name()) + string(r.list()) + string(r.status()) + string(r.since());
        w += LIST + LIST;
        for (HistoryEntry h : r.history()) {
            w += REF + 24 + string(h.status()) + string(h.since());
        }
        for (Evidence e : r.evidence()) {
            w += REF + evidence(e);
        }
        return w;
    }

    static long evidence(Evidence e) {
        return e == null ? 0 : 32 + string(e.articleId()) + string(e.url()) + string(e.outlet()) + string(e.published())
                + string(e.sentence());
    }

    /** A tree map of counts (string or number keys, boxed values), with the map itself. */
    static long counts(Map<?, Integer> m) {
        long w = TREE_MAP;
        for (Object k : m.keySet()) {
            w += TREE_ENTRY + BOXED + (k instanceof String s ? string(s) : BOXED);
        }
        return w;
    }

    static long strings(Collection<String> c) {
        if (c == null) {
            return 0;
        }
        long w = LIST;
        for (String s : c) {
            w += TREE_ENTRY + string(s);
        }
        return w;
    }

    static long string(String s) {
        if (s == null) {
            return 0;
        }
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) < 256;
        }
        long bytes = latin1 ? s.length() : 2L * s.length();
        return STRING + ((bytes + 7) & ~7L);
    }
}
