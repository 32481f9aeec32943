package io.wirewatch.aggregate.status;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalCause;
import com.google.common.cache.RemovalNotification;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs {@link OrgFold} on the service's state stores; emits each table's JSON within its byte budget
 * ({@link TableBound}, {@value TableBound#MAX_BYTES_CONFIG}). Each event updates the rows it touches; once
 * per commit ({@link CommitHook}) the organisations changed since the last commit get their table
 * built from those rows, and a table that changed is stored and emitted (a tombstone when its last
 * row went away). The stores are keyed so that one event reads and writes only the rows it touches.
 * A big table waits for its next publish while it is within {@link PublishPacing}'s interval: the
 * organisation stays pending across commits, recorded in {@value #DEFERRED_STORE} (logged) so that a
 * crash cannot lose the publish, and a wall-clock punctuation publishes it once due when no commit
 * comes sooner.
 */
public final class StatusFoldProcessor implements Processor<String, OrgEvent, String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusFoldProcessor.class);

    public static final String ARTICLES_STORE = "org-article-claims";
    public static final String STORIES_STORE = "org-story-dates";
    public static final String ROWS_STORE = "org-rows";
    public static final String TALLIES_STORE = "org-row-sources";
    public static final String NAMES_STORE = "org-names";
    public static final String EVIDENCE_STORE = "org-row-evidence";
    /** The current tables, read by the HTTP API through interactive queries. */
    public static final String TABLES_STORE = "org-tables";

    /** Organisations whose table waits for its next publish ({@link PublishPacing}): the rows touched since. */
    public static final String DEFERRED_STORE = "org-tables-deferred";

    /** The store whose pre-commit flush writes the buffered state and emits the changed tables. */
    public static final String COMMIT_HOOK = "org-tables-at-commit";

    public static final String[] STORES = {ARTICLES_STORE, STORIES_STORE, ROWS_STORE, TALLIES_STORE, EVIDENCE_STORE,
            NAMES_STORE, TABLES_STORE, DEFERRED_STORE, COMMIT_HOOK};

    /**
     * The Streams property (set by {@code aggregate --decoded-bytes}, or its environment variable
     * {@value #DECODED_BYTES_ENV}, which only the CLI reads) that bounds the values the fold keeps decoded,
     * in bytes of heap per task (one task per partition of {@code by-organization}: 3 in the service). The
     * busiest organisations' rows, tallies, names, story dates and tables are read and rewritten by event
     * after event and commit after commit; an article's claims and an evidence entry are written once, so
     * they are only buffered until the commit. One LRU per task over all of them, each value weighed by
     * {@link HeapWeight}.
     */
    public static final String DECODED_BYTES_CONFIG = "wirewatch.status.decoded.bytes";
    public static final String DECODED_BYTES_ENV = "WIREWATCH_STATUS_DECODED_BYTES";
    public static final long DEFAULT_DECODED_BYTES = 24L * 1024 * 1024;
    /** 0 keeps nothing decoded: every read decodes from the store (the same tables, slower). */
    public static final long MIN_DECODED_BYTES = 0;
    public static final long MAX_DECODED_BYTES = 1L << 40;

    /** The decoded cache's name for the JSON of a decoded table's rows (not a store). */
    private static final String ENCODED = TABLES_STORE + "-json";

    /** The stores whose values the fold keeps decoded. */
    static final Set<String> DECODED_STORES = Set.of(STORIES_STORE, ROWS_STORE, TALLIES_STORE, NAMES_STORE, TABLES_STORE);

    private InternalProcessorContext<String, byte[]> context;
    /** The byte budget of a published table ({@link TableBound}). */
    private int maxTableBytes;
    private ProcessorNode<?, ?, ?, ?> node;
    private StoreState state;
    private OrgFold fold;
    /**
     * Organisations changed since their table was last built: the rows touched and the last event's
     * timestamp. Those of the last commit, and the big tables waiting for their interval.
     */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private PublishPacing pacing;
    private KeyValueStore<String, DeferredTable> deferred;
    /** Set when the tables waiting in {@link #DEFERRED_STORE} must be read again (at start, after a reset). */
    private boolean reloadDeferred;
    /** The punctuation that publishes waiting tables when no commit comes; null while none waits. */
    private Cancellable punctuation;
    private long lastSummary = System.nanoTime();
    private static final long MAX_PUNCTUATION_MS = 1000;

    private static final class Pending {
        final Set<String> rows = new TreeSet<>();
        long timestamp;
        /** Whether {@link #DEFERRED_STORE} holds an entry for it, and whether that entry lacks changes since. */
        boolean saved;
        boolean unsaved = true;

        DeferredTable record() {
            return new DeferredTable(new TreeSet<>(rows), timestamp);
        }
    }

    /** What {@value #DEFERRED_STORE} keeps of a waiting table: the rows to refold and the timestamp to publish with. */
    public record DeferredTable(TreeSet<String> rows, long timestamp) {}

    /**
     * Adds the fold's stores (persistent, logged, without Streams' record cache: the fold buffers
     * decoded values itself and writes them at the commit hook) and the hook to a topology. Their
     * values are Smile: only the fold reads them; but {@code org-tables} holds each table's JSON
     * ({@link StoredTables}), which the fold assembles when it publishes the table, and the API decodes.
     */
    public static void addStores(StreamsBuilder builder) {
        addStore(builder, ARTICLES_STORE, SmileSerde.of(OrgEvent.class), false);
        addStore(builder, STORIES_STORE, SmileSerde.of(StoryDates.class), false);
        addStore(builder, ROWS_STORE, SmileSerde.of(RowState.class), false);
        addStore(builder, TALLIES_STORE, SmileSerde.of(OutletTally.class), false);
        addStore(builder, EVIDENCE_STORE, SmileSerde.of(EvidenceTally.class), false);
        addStore(builder, NAMES_STORE, SmileSerde.of(OrgNames.class), false);
        addStore(builder, TABLES_STORE, Serdes.ByteArray(), false);
        addStore(builder, DEFERRED_STORE, SmileSerde.of(DeferredTable.class), false);
        builder.addStateStore(CommitHook.builder(COMMIT_HOOK));
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

    /**
     * The decoded-value budget a configuration sets: {@value #DECODED_BYTES_CONFIG}, else
     * {@value #DEFAULT_DECODED_BYTES}; a bad value is refused with the setting's name, the range and the default.
     */
    public static long decodedBytes(Map<?, ?> configs) {
        Object v = configs == null ? null : configs.get(DECODED_BYTES_CONFIG);
        if (v == null || v.toString().isBlank()) {
            return DEFAULT_DECODED_BYTES;
        }
        long n = TableBound.bytes(v, MIN_DECODED_BYTES, MAX_DECODED_BYTES);
        if (n < 0) {
            throw new IllegalArgumentException(DECODED_BYTES_CONFIG + " must be a number of bytes from " + MIN_DECODED_BYTES
                    + " to " + MAX_DECODED_BYTES + " (the heap aggregate keeps decoded values in, per task; default "
                    + DEFAULT_DECODED_BYTES + "), not '" + v + "'");
        }
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<String, byte[]> context) {
        // the internal context: forwarding outside process() needs the node and a record context set,
        // as Streams' own caches do when they emit at flush
        this.context = (InternalProcessorContext<String, byte[]>) context;
        this.maxTableBytes = TableBound.maxBytes(context.appConfigs());
        this.node = this.context.currentNode();
        this.state = new StoreState(context, decodedBytes(context.appConfigs()));
        this.fold = new OrgFold(state);
        this.pacing = PublishPacing.of(context.appConfigs());
        this.deferred = context.getStateStore(DEFERRED_STORE);
        if (punctuation != null) {
            punctuation.cancel(); // from an earlier life of the task
            punctuation = null;
        }
        pending.clear();
        // the processor starts once its stores are restored: what waited before a restart waits on, and
        // the punctuation publishes it even if no record comes
        reloadDeferred();
        schedulePunctuation();
        CommitHook hook = context.getStateStore(COMMIT_HOOK);
        hook.listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                emitChanged();
            }

            @Override
            public void drop() {
                pending.clear();
                pacing.clear();
                reloadDeferred = true; // the restored store says what still waits
                state.drop();
            }
        });
    }

    @Override
    public void process(Record<String, OrgEvent> record) {
        Set<String> rows = fold.update(record.value());
        if (rows != null) {
            Pending p = pending.computeIfAbsent(record.value().orgId(), k -> new Pending());
            p.rows.addAll(rows);
            p.timestamp = record.timestamp();
            p.unsaved = true;
        }
    }

    /**
     * Writes the held state, then builds each changed organisation's table once and emits it if it changed;
     * a big table within its interval waits (recorded in {@value #DEFERRED_STORE}).
     */
    private void emitChanged() {
        if (LOG.isDebugEnabled() && System.nanoTime() - lastSummary > 30_000_000_000L) {
            lastSummary = System.nanoTime();
            LOG.debug("task {}: decoded values held, by store: {}", context.taskId(), state.summary());
        }
        state.writeBack();
        if (reloadDeferred) {
            reloadDeferred();
        }
        if (pending.isEmpty()) {
            schedulePunctuation(); // cancels one left from before a reset
            return;
        }
        long now = context.currentSystemTimeMs();
        pacing.expire(now);
        ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
        ProcessorRecordContext previousRecord = context.recordContext();
        try {
            context.setCurrentNode(node);
            for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Pending> e = it.next();
                String org = e.getKey();
                Pending p = e.getValue();
                if (!pacing.due(org, now)) {
                    if (p.unsaved) {
                        deferred.put(org, p.record());
                        p.saved = true;
                        p.unsaved = false;
                    }
                    continue;
                }
                it.remove();
                if (p.saved) {
                    deferred.delete(org);
                }
                OrgFold.Change change = fold.table(org, p.rows, maxTableBytes);
                if (change.changed()) {
                    pacing.published(org, now, change.json() == null ? 0 : change.json().length); // null: a tombstone
                    context.setRecordContext(new ProcessorRecordContext(p.timestamp, -1, -1, null, new RecordHeaders()));
                    context.forward(new Record<>(org, change.json(), p.timestamp)); // within the byte budget
                }
            }
            schedulePunctuation();
        } catch (RuntimeException e) {
            pending.clear(); // as before a failed commit: the task is reset, the stores say what waits
            reloadDeferred = true;
            throw e;
        } finally {
            context.setRecordContext(previousRecord);
            context.setCurrentNode(previousNode);
        }
        state.writeBack(); // the tables
    }

    /** Adds the tables {@value #DEFERRED_STORE} says wait to those pending (the store is the truth after a restart). */
    private void reloadDeferred() {
        reloadDeferred = false;
        try (KeyValueIterator<String, DeferredTable> it = deferred.all()) {
            while (it.hasNext()) {
                KeyValue<String, DeferredTable> kv = it.next();
                Pending p = pending.computeIfAbsent(kv.key, k -> new Pending());
                p.rows.addAll(kv.value.rows());
                p.timestamp = Math.max(p.timestamp, kv.value.timestamp());
                p.saved = true;
            }
        }
    }

    /**
     * While a table waits, a wall-clock punctuation a quarter of the interval apart (at most
     * {@value #MAX_PUNCTUATION_MS} ms: what waited before a restart is due at once) makes the task commit
     * (Streams commits a task after a punctuation), so that the table goes out once due even if no record
     * comes; cancelled when none waits, so that an idle task does not commit.
     */
    private void schedulePunctuation() {
        if (pending.isEmpty() && punctuation != null) {
            punctuation.cancel();
            punctuation = null;
        } else if (!pending.isEmpty() && punctuation == null) {
            long every = Math.max(1, Math.min(pacing.intervalMs() / 4, MAX_PUNCTUATION_MS));
            punctuation = context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, t -> { });
        }
    }

    /**
     * The fold's tables on this task's stores, each behind a buffer: decoded values by key (a bounded
     * LRU) and the writes since the last commit, which reach the store (one write batch each) at the
     * commit hook. Made anew with the task, so the stores stay the truth after restarts and aborts.
     */
    private static final class StoreState implements FoldState {
        private final Buffered<OrgEvent> articles;
        private final Buffered<StoryDates> stories;
        private final Buffered<RowState> rows;
        private final Buffered<OutletTally> tallies;
        private final Buffered<EvidenceTally> evidence;
        private final Buffered<OrgNames> names;
        private final Tables tables;
        private final List<Buffered<?>> all;

        /** The decoded values of every store of the task, by store and key, within the task's byte budget. */
        private final Cache<Decoded, Object> decoded;
        /** The JSON of the rows of the decoded tables ({@link TableBound.Encoded}), in the same cache. */
        private final Table<TableBound.Encoded> encoded = new Table<>() {
            @Override
            public TableBound.Encoded get(String key) {
                return (TableBound.Encoded) decoded.getIfPresent(new Decoded(ENCODED, key));
            }

            @Override
            public void put(String key, TableBound.Encoded value) {
                // only beside its table: the rows it holds are the decoded table's
                if (value == null || decoded.getIfPresent(new Decoded(TABLES_STORE, key)) == null) {
                    decoded.invalidate(new Decoded(ENCODED, key));
                } else {
                    decoded.put(new Decoded(ENCODED, key), value);
                }
            }
        };

        StoreState(ProcessorContext<?, ?> c, long decodedBytes) {
            decoded = CacheBuilder.newBuilder()
                    .concurrencyLevel(1) // one segment: the whole budget, a strict LRU, for the task's one thread
                    .maximumWeight(decodedBytes)
                    .weigher((Decoded k, Object v) -> HeapWeight.of(k.key(), v))
                    .removalListener(this::removed)
                    .build();
            articles = new Buffered<>(c.getStateStore(ARTICLES_STORE), decoded);
            stories = new Buffered<>(c.getStateStore(STORIES_STORE), decoded);
            rows = new Buffered<>(c.getStateStore(ROWS_STORE), decoded);
            tallies = new Buffered<>(c.getStateStore(TALLIES_STORE), decoded);
            evidence = new Buffered<>(c.getStateStore(EVIDENCE_STORE), decoded);
            names = new Buffered<>(c.getStateStore(NAMES_STORE), decoded);
            tables = new Tables(c.getStateStore(TABLES_STORE), decoded);
            all = List.of(articles, stories, rows, tallies, evidence, names);
        }

        /** A table's rows' JSON goes with the table, so that the rows it holds are always weighed (with the table). */
        private void removed(RemovalNotification<Decoded, Object> n) {
            if (n.getCause() != RemovalCause.REPLACED && n.getKey() != null && TABLES_STORE.equals(n.getKey().store())) {
                decoded.invalidate(new Decoded(ENCODED, n.getKey().key()));
            }
        }

        void writeBack() {
            all.forEach(Buffered::writeBack);
            tables.writeBack();
        }

        void drop() {
            all.forEach(Buffered::drop);
            tables.drop();
            decoded.invalidateAll();
        }

        /** Entries and weighed bytes by store (a debug summary: it weighs every value again). */
        Map<String, String> summary() {
            Map<String, long[]> by = new TreeMap<>();
            decoded.asMap().forEach((k, v) -> {
                long[] a = by.computeIfAbsent(k.store(), x -> new long[2]);
                a[0]++;
                a[1] += HeapWeight.of(k.key(), v);
            });
            Map<String, String> out = new TreeMap<>();
            by.forEach((store, a) -> out.put(store, a[0] + " values, " + a[1] / 1024 + " KB"));
            return out;
        }

        @Override public Table<OrgEvent> articles() { return articles; }
        @Override public Table<StoryDates> stories() { return stories; }
        @Override public Table<RowState> rows() { return rows; }
        @Override public Table<OutletTally> tallies() { return tallies; }
        @Override public Table<EvidenceTally> evidence() { return evidence; }
        @Override public Table<OrgNames> names() { return names; }
        @Override public Table<OrgStatus> tables() { return tables; }

        @Override
        public void putTable(String org, OrgStatus stored, TableBound.Published publish) {
            tables.put(org, stored, () -> publish.storedJson(stored), publish.storedHeap(stored));
        }
        @Override public Table<TableBound.Encoded> encoded() { return encoded; }

        /** Only at the commit hook, after {@link #writeBack()}: the scan sees what the store holds. */
        @Override
        public List<EvidenceTally> lastEvidence(String prefix, int n) {
            List<EvidenceTally> out = new ArrayList<>(n);
            try (KeyValueIterator<String, EvidenceTally> it = evidence.store.reverseRange(prefix, prefix + '\uffff')) {
                while (it.hasNext() && out.size() < n) {
                    out.add(it.next().value);
                }
            }
            Collections.reverse(out);
            return out;
        }
    }

    /**
     * The {@code org-tables} store behind the same buffer as {@link Buffered}, its values JSON bytes
     * ({@link StoredTables}): a table put by the fold comes with its JSON (what publish assembled) and
     * its heap weight, so neither the write-back nor the cache's weigher walks the whole table.
     */
    private static final class Tables implements FoldState.Table<OrgStatus> {
        private record Write(OrgStatus table, Supplier<byte[]> json) {}

        final KeyValueStore<String, byte[]> store;
        private final Cache<Decoded, Object> decoded;
        /** Key → table to write (null to delete), in write order. */
        private final Map<String, Write> writes = new LinkedHashMap<>();

        Tables(KeyValueStore<String, byte[]> store, Cache<Decoded, Object> decoded) {
            this.store = store;
            this.decoded = decoded;
        }

        @Override
        public OrgStatus get(String key) {
            Write w = writes.get(key);
            if (w != null) {
                return w.table();
            }
            Decoded k = new Decoded(TABLES_STORE, key);
            HeapWeight.Weighed v = (HeapWeight.Weighed) decoded.getIfPresent(k);
            if (v != null) {
                return (OrgStatus) v.value();
            }
            OrgStatus t = StoredTables.decode(store.get(key));
            if (t != null) {
                decoded.put(k, HeapWeight.Weighed.of(t)); // a miss decodes the whole table anyway
            }
            return t;
        }

        @Override
        public void put(String key, OrgStatus value) {
            put(key, value, () -> StoredTables.encode(value), value == null ? 0 : HeapWeight.table(value));
        }

        void put(String key, OrgStatus value, Supplier<byte[]> json, long heap) {
            writes.put(key, new Write(value, json));
            Decoded k = new Decoded(TABLES_STORE, key);
            if (value == null) {
                decoded.invalidate(k);
            } else {
                decoded.put(k, new HeapWeight.Weighed(value, heap));
            }
        }

        void writeBack() {
            if (writes.isEmpty()) {
                return;
            }
            List<KeyValue<String, byte[]>> batch = new ArrayList<>(writes.size());
            writes.forEach((k, w) -> batch.add(KeyValue.pair(k, w.table() == null ? null : w.json().get())));
            writes.clear();
            store.putAll(batch);
        }

        void drop() {
            writes.clear();
        }
    }

    /** A key of one store in the task's cache of decoded values. */
    private record Decoded(String store, String key) {}

    /** Decoded values and unwritten writes in front of one store; values handed out must not be changed. */
    private static final class Buffered<V> implements FoldState.Table<V> {
        final KeyValueStore<String, V> store;
        /** The task's decoded values, or null for a store whose values are written once and not re-read. */
        private final Cache<Decoded, Object> decoded;
        /** Key → value to write, null to delete, in write order. */
        private final Map<String, V> writes = new LinkedHashMap<>();

        Buffered(KeyValueStore<String, V> store, Cache<Decoded, Object> decoded) {
            this.store = store;
            this.decoded = DECODED_STORES.contains(store.name()) ? decoded : null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(String key) {
            if (writes.containsKey(key)) {
                return writes.get(key);
            }
            if (decoded == null) {
                return store.get(key);
            }
            Decoded k = new Decoded(store.name(), key);
            V v = (V) decoded.getIfPresent(k);
            if (v == null) {
                v = store.get(key);
                if (v != null) {
                    decoded.put(k, v);
                }
            }
            return v;
        }

        @Override
        public void put(String key, V value) {
            writes.put(key, value);
            if (decoded == null) {
                return;
            }
            Decoded k = new Decoded(store.name(), key);
            if (value == null) {
                decoded.invalidate(k);
            } else {
                decoded.put(k, value);
            }
        }

        /** One write batch: RocksDB applies a putAll (null values delete) as one batch. */
        void writeBack() {
            if (writes.isEmpty()) {
                return;
            }
            List<KeyValue<String, V>> batch = new ArrayList<>(writes.size());
            writes.forEach((k, v) -> batch.add(KeyValue.pair(k, v)));
            writes.clear();
            store.putAll(batch);
        }

        void drop() {
            writes.clear();
        }
    }
}
