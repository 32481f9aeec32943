package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.JsonSerde;
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
import java.util.List;

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
    public static final String EVIDENCE_STORE = "org-row-evidence";
    /** The current tables, read by the HTTP API through interactive queries. */
    public static final String TABLES_STORE = "org-tables";

    public static final String[] STORES = {ARTICLES_STORE, STORIES_STORE, ROWS_STORE, TALLIES_STORE, EVIDENCE_STORE,
            TABLES_STORE};

    private ProcessorContext<String, OrgStatus> context;
    private OrgFold fold;

    /** Adds the fold's stores (persistent, cached, logged) to a topology. */
    public static void addStores(StreamsBuilder builder) {
        addStore(builder, ARTICLES_STORE, JsonSerde.of(OrgEvent.class));
        addStore(builder, STORIES_STORE, JsonSerde.of(StoryDates.class));
        addStore(builder, ROWS_STORE, JsonSerde.of(RowState.class));
        addStore(builder, TALLIES_STORE, JsonSerde.of(OutletTally.class));
        addStore(builder, EVIDENCE_STORE, JsonSerde.of(EvidenceTally.class));
        addStore(builder, TABLES_STORE, JsonSerde.of(OrgTable.class));
    }

    /** Adds one persistent, cached, logged store with string keys. */
    public static <V> void addStore(StreamsBuilder builder, String name, Serde<V> serde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde)
                .withCachingEnabled());
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
        private final KeyValueStore<String, OrgTable> tables;

        StoreState(ProcessorContext<?, ?> c) {
            articles = c.getStateStore(ARTICLES_STORE);
            stories = c.getStateStore(STORIES_STORE);
            rows = c.getStateStore(ROWS_STORE);
            tallies = c.getStateStore(TALLIES_STORE);
            evidence = c.getStateStore(EVIDENCE_STORE);
            tables = c.getStateStore(TABLES_STORE);
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
        @Override public Table<OrgTable> tables() { return table(tables); }

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
