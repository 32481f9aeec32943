package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;

import java.util.List;

/**
 * Where {@link OrgFold} keeps its state: Kafka Streams stores in the service
 * ({@link StatusFoldProcessor}), maps in tests and in {@link StatusFolder#fold(OrgLedger)}.
 * Keys are strings made of parts joined by {@link #SEP}, so one row's keys are one range.
 */
public interface FoldState {

    char SEP = '\u0000';

    /** A key-value table; {@code put(k, null)} deletes. */
    interface Table<V> {
        V get(String key);

        void put(String key, V value);
    }

    /** Each article's latest claims about the organisation, by {@code org SEP articleId}. */
    Table<OrgEvent> articles();

    /** By {@code org SEP storyId}. */
    Table<StoryDates> stories();

    /** By {@code org SEP jurisdiction SEP list}. */
    Table<RowState> rows();

    /** By {@code rowKey SEP ("p" point | "s" status) SEP outlet}. */
    Table<OutletTally> tallies();

    /** By {@code rowKey SEP published SEP articleId SEP sentence}. */
    Table<EvidenceTally> evidence();

    /** The last {@code n} evidence entries whose key starts with {@code prefix}, in key order. */
    List<EvidenceTally> lastEvidence(String prefix, int n);

    /** The names and aliases in use, by organisation id. */
    Table<OrgNames> names();

    /** The current table, by organisation id; absent while no row has a usable claim. */
    Table<OrgStatus> tables();

    /**
     * Stores the table {@code publish} gave ({@link TableBound.Published#stored}), with what publish already knows
     * of it: its JSON and its heap weight, so that storing it costs what changed rather than the table's size.
     */
    default void putTable(String org, OrgStatus stored, TableBound.Published publish) {
        tables().put(org, stored);
    }

    /**
     * By organisation id, the JSON of the rows of its table in {@link #tables()} ({@link TableBound.Encoded}),
     * for the next publish of it: a cache, never stored, that may forget anything (by default it keeps nothing).
     * A value put holds rows of the table stored under the same key.
     */
    default Table<TableBound.Encoded> encoded() {
        return NOTHING;
    }

    /** A table that keeps nothing. */
    Table<TableBound.Encoded> NOTHING = new Table<>() {
        @Override public TableBound.Encoded get(String key) { return null; }
        @Override public void put(String key, TableBound.Encoded value) {}
    };
}
