package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link OrgFold} on the service's state stores and emits an organisation's table when an
 * event changed it (a tombstone when its last row went away). The stores are keyed so that one
 * event reads and writes only the rows it touches.
 */
public final class StatusFoldProcessor implements Processor<String, OrgEvent, String, OrgStatus> {

    public static final String ARTICLES_STORE = "org-article-claims";
    public static final String STORIES_STORE = "org-story-dates";
    public static final String ROWS_STORE = "org-rows";
    public static final String TALLIES_STORE = "org-row-sources";
    public static final String NAMES_STORE = "org-names";
    public static final String EVIDENCE_STORE = "org-row-evidence";
    /** The current tables, read by the HTTP API through interactive queries. */
    public static final String TABLES_STORE = "org-tables";

    public static final String[] STORES = {ARTICLES_STORE, STORIES_STORE, ROWS_STORE, TALLIES_STORE, EVIDENCE_STORE,
            NAMES_STORE, TABLES_STORE};

    /**
     * Tables kept decoded per task, most recently used first: an event reads its organisation's
     * table to compare, and the busiest organisations' tables are the largest values. Tables are
     * immutable records, written through to the store, so this copy is never ahead of the store.
     */
    static final int TABLE_CACHE_ENTRIES = 256;

    private ProcessorContext<String, OrgStatus> context;
    private OrgFold fold;

    /**
     * Adds the fold's stores (persistent, cached, logged) to a topology. Their values are Smile:
     * only the fold reads them (the API decodes tables back to the same records), and JSON text was
     * most of the fold's cost.
     */
    public static void addStores(StreamsBuilder builder) {
        // a record cache pays off only for keys written again within a commit: rows, tallies, names,
        // tables and story dates are; an article's claims and an evidence entry are written once
        addStore(builder, ARTICLES_STORE, SmileSerde.of(OrgEvent.class), false);
        addStore(builder, STORIES_STORE, SmileSerde.of(StoryDates.class));
        addStore(builder, ROWS_STORE, SmileSerde.of(RowState.class));
        addStore(builder, TALLIES_STORE, SmileSerde.of(OutletTally.class));
        addStore(builder, EVIDENCE_STORE, SmileSerde.of(EvidenceTally.class), false);
        addStore(builder, NAMES_STORE, SmileSerde.of(OrgNames.class));
        addStore(builder, TABLES_STORE, SmileSerde.of(OrgStatus.class));
    }

    /** Adds one persistent, cached, logged store with string keys. */
    public static <V> void addStore(StreamsBuilder builder, String name, Serde<V> serde) {
        addStore(builder, name, serde, true);
    }

    /** Adds one persistent, logged store with string keys, with or without a record cache. */
    public static <V> void addStore(StreamsBuilder builder, String name, Serde<V> serde, boolean cached) {
        var store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde);
        builder.addStateStore(cached ? store.withCachingEnabled() : store.withCachingDisabled());
    }

    @Override
    public void init(ProcessorContext<String, OrgStatus> context) {
        this.context = context;
        this.fold = new OrgFold(new StoreState(context));
    }

    @Override
    public void process(Record<String, OrgEvent> record) {
        OrgFold.Change change = fold.apply(record.value());
        if (change.changed()) {
            context.forward(record.withValue(change.status()));
        }
    }

    /** The fold's tables on this task's stores. */
    private static final class StoreState implements FoldState {
        private final KeyValueStore<String, OrgEvent> articles;
        private final KeyValueStore<String, StoryDates> stories;
        private final KeyValueStore<String, RowState> rows;
        private final KeyValueStore<String, OutletTally> tallies;
        private final KeyValueStore<String, EvidenceTally> evidence;
        private final KeyValueStore<String, OrgNames> names;
        private final Table<OrgStatus> tables;

        StoreState(ProcessorContext<?, ?> c) {
            articles = c.getStateStore(ARTICLES_STORE);
            stories = c.getStateStore(STORIES_STORE);
            rows = c.getStateStore(ROWS_STORE);
            tallies = c.getStateStore(TALLIES_STORE);
            evidence = c.getStateStore(EVIDENCE_STORE);
            names = c.getStateStore(NAMES_STORE);
            tables = cachedTable(c.getStateStore(TABLES_STORE), TABLE_CACHE_ENTRIES);
        }

        /** A bounded write-through cache of decoded values in front of a store; made anew with the task. */
        private static <V> Table<V> cachedTable(KeyValueStore<String, V> s, int entries) {
            Map<String, V> lru = new LinkedHashMap<>(entries * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                    return size() > entries;
                }
            };
            Table<V> store = table(s);
            return new Table<>() {
                @Override
                public V get(String key) {
                    V v = lru.get(key);
                    if (v == null) {
                        v = store.get(key);
                        if (v != null) {
                            lru.put(key, v);
                        }
                    }
                    return v;
                }

                @Override
                public void put(String key, V value) {
                    store.put(key, value);
                    if (value == null) {
                        lru.remove(key);
                    } else {
                        lru.put(key, value);
                    }
                }
            };
        }

        private static <V> Table<V> table(KeyValueStore<String, V> s) {
            return new Table<>() {
                @Override
                public V get(String key) {
                    return s.get(key);
                }

                @Override
                public void put(String key, V value) {
                    if (value == null) {
                        s.delete(key);
                    } else {
                        s.put(key, value);
                    }
                }
            };
        }

        @Override public Table<OrgEvent> articles() { return table(articles); }
        @Override public Table<StoryDates> stories() { return table(stories); }
        @Override public Table<RowState> rows() { return table(rows); }
        @Override public Table<OutletTally> tallies() { return table(tallies); }
        @Override public Table<EvidenceTally> evidence() { return table(evidence); }
        @Override public Table<OrgNames> names() { return table(names); }
        @Override public Table<OrgStatus> tables() { return tables; }

        @Override
        public List<EvidenceTally> lastEvidence(String prefix, int n) {
            List<EvidenceTally> out = new ArrayList<>(n);
            try (KeyValueIterator<String, EvidenceTally> it = evidence.reverseRange(prefix, prefix + '\uffff')) {
                while (it.hasNext() && out.size() < n) {
                    out.add(it.next().value);
                }
            }
            Collections.reverse(out);
            return out;
        }
    }
}
