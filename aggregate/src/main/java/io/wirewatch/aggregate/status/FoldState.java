package io.wirewatch.aggregate.status;

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

    /** By organisation id. */
    Table<OrgTable> tables();
}
