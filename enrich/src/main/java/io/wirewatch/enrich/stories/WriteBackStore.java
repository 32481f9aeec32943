package io.wirewatch.enrich.stories;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded LRU of decoded values over one key-value store, written back at commit: a put only
 * changes the entry here and marks it dirty; the dirty entries reach the store (and so its
 * changelog) when Kafka Streams flushes the task's caches, which it does before every commit, or
 * when the LRU evicts them. Under exactly-once that is still inside the transaction that commits
 * the input offsets, so the store and changelog hold exactly what write-through would have at every
 * commit, but a key rewritten by many articles between two commits (a frequent term's document
 * frequency, a live story, a busy posting list) is encoded and written once.
 *
 * <p>It sits outside Streams' own store layers (it is the store the task registers), because only
 * the outermost store hears the pre-commit {@code flushCache}. That hook is Streams'
 * {@code CachedStateStore} contract, reached through {@code WrappedStateStore} (see {@link CommitFlushedStore}), an internal class of
 * Kafka Streams: an upgrade must keep {@code StoryStateTopologyTest} green. Closing, re-initialising
 * or recycling the store ({@code clearCache}, KAFKA-14172) drops what is held without writing it: an
 * aborted transaction closes the task and its store is restored from the changelog, so the store
 * stays the truth. Values must be immutable: callers get the held instance.
 */
public final class WriteBackStore<V> extends CommitFlushedStore<V, V> {

    /** A held value; {@code dirty} until it is written to the store (also {@link DocumentFrequencyStore}'s counts). */
    static final class Entry<V> {
        final String key;
        V value;
        boolean dirty;

        Entry(String key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    private final KeyValueStore<String, V> store;
    private final LinkedHashMap<String, Entry<V>> lru;
    /** Entries made dirty since the last flush, in that order; some may have been written on eviction since. */
    private final List<Entry<V>> dirty = new ArrayList<>();
    private long hits;
    private long misses;

    WriteBackStore(KeyValueStore<String, V> store, int capacity) {
        super(store);
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity of store " + store.name() + " must be >= 0, was " + capacity);
        }
        this.store = store;
        this.lru = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                writeIfDirty(eldest.getValue());
                return true;
            }
        };
    }

    /** The builder of a persistent store of string keys with this layer outermost. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(String name, Serde<V> values, int capacity) {
        return layered(name, values, inner -> new WriteBackStore<>(inner, capacity));
    }

    /** The builder of a persistent store of string keys with {@code layer} put around it, outermost. */
    static <S, V> StoreBuilder<KeyValueStore<String, V>> layered(
            String name, Serde<S> values, java.util.function.Function<KeyValueStore<String, S>, KeyValueStore<String, V>> layer) {
        KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
        return new Builder<>(Stores.keyValueStoreBuilder(supplier, Serdes.String(), values), layer);
    }

    @Override
    public V get(String key) {
        return get(key, null);
    }

    /**
     * As {@link #get(String)}, with the value read by {@code onMiss} when it is not held (the story store reads
     * a candidate's header first, {@link ArticleIdChunkStore#getIfLive}; null: the wrapped store's get); a value
     * read is held, a null is not.
     */
    V get(String key, Function<String, V> onMiss) {
        Entry<V> e = lru.get(key);
        if (e != null) {
            hits++;
            return e.value;
        }
        misses++;
        V v = onMiss == null ? store.get(key) : onMiss.apply(key);
        if (v != null) {
            lru.put(key, new Entry<>(key, v));
        }
        return v;
    }

    /** The store layer this wraps (for the story store, its {@link ArticleIdChunkStore}). */
    KeyValueStore<String, V> below() {
        return store;
    }

    /**
     * The write-back layer of a store as a processor gets it ({@code ProcessorContext.getStateStore} puts
     * Streams' read-write decorator, a {@link WrappedStateStore}, around the registered store), or null when
     * it has none.
     */
    @SuppressWarnings("unchecked")
    static <V> WriteBackStore<V> of(StateStore s) {
        while (!(s instanceof WriteBackStore<?>) && s instanceof WrappedStateStore<?, ?, ?> w) {
            s = w.wrapped();
        }
        return s instanceof WriteBackStore<?> wb ? (WriteBackStore<V>) wb : null;
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        Entry<V> e = lru.get(key);
        if (e == null) {
            e = new Entry<>(key, value);
            markDirty(e);
            lru.put(key, e); // may evict, and so write, this very entry when the capacity is 0
        } else {
            e.value = value;
            markDirty(e);
        }
    }

    @Override
    public V delete(String key) {
        Entry<V> e = lru.remove(key);
        if (e != null) {
            e.dirty = false; // the delete below supersedes the unwritten value
        }
        V old = store.delete(key);
        return e != null ? e.value : old;
    }

    // Scans are not on the story path; they see the store after the held writes reach it.

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeDirty();
        return store.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeDirty();
        return store.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeDirty();
        return store.all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        writeDirty();
        return store.reverseAll();
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
            P prefix, PS prefixKeySerializer) {
        writeDirty();
        return store.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    /** Hits over lookups since the store was opened, for the benchmarks. */
    double hitRate() {
        long n = hits + misses;
        return n == 0 ? 0 : hits / (double) n;
    }

    /** Lookups answered from the held values since the store was opened (the story-cost benchmark reads it). */
    public long hits() {
        return hits;
    }

    /** Lookups that went to the store since it was opened. */
    public long misses() {
        return misses;
    }

    private void markDirty(Entry<V> e) {
        if (!e.dirty) {
            e.dirty = true;
            dirty.add(e);
        }
    }

    private void writeIfDirty(Entry<V> e) {
        if (e.dirty) {
            e.dirty = false;
            store.put(e.key, e.value);
        }
    }

    /** Before every commit (and on a clean close, which commits first): the held writes go to the store. */
    @Override
    void writeHeld() {
        writeDirty();
    }

    /** One batch for all held writes: RocksDB applies a putAll as one write batch, not one write per key. */
    private void writeDirty() {
        List<KeyValue<String, V>> batch = new ArrayList<>(dirty.size());
        for (Entry<V> e : dirty) {
            if (e.dirty) {
                e.dirty = false;
                batch.add(KeyValue.pair(e.key, e.value));
            }
        }
        dirty.clear();
        if (!batch.isEmpty()) {
            store.putAll(batch);
        }
    }

    @Override
    void drop() {
        lru.clear();
        dirty.clear();
        hits = 0;
        misses = 0;
    }

    /** Builds the usual store and puts a layer around it. */
    private static final class Builder<S, V> implements StoreBuilder<KeyValueStore<String, V>> {
        private final StoreBuilder<KeyValueStore<String, S>> inner;
        private final java.util.function.Function<KeyValueStore<String, S>, KeyValueStore<String, V>> layer;

        Builder(StoreBuilder<KeyValueStore<String, S>> inner,
                java.util.function.Function<KeyValueStore<String, S>, KeyValueStore<String, V>> layer) {
            this.inner = inner;
            this.layer = layer;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            inner.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            inner.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return layer.apply(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
