package io.wirewatch.enrich.stories;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store layer that holds writes and hands them to the store it wraps in the flush Kafka Streams
 * runs before every commit (so, under exactly-once, inside the transaction), and forgets what it
 * holds, unwritten, when the store is closed, re-initialised or recycled: the wrapped store stays the
 * truth. The hook is Streams' {@code CachedStateStore} contract, reached through the internal
 * {@link WrappedStateStore}; only the outermost store of a task hears it.
 */
abstract class CommitFlushedStore<S, V> extends WrappedStateStore<KeyValueStore<String, S>, String, V>
        implements KeyValueStore<String, V> {

    CommitFlushedStore(KeyValueStore<String, S> wrapped) {
        super(wrapped);
    }

    /** Writes what is held to the wrapped store. */
    abstract void writeHeld();

    /** Forgets what is held, written or not. */
    abstract void drop();

    @Override
    public void flushCache() {
        writeHeld();
        super.flushCache();
    }

    @Override
    public void clearCache() {
        drop();
        super.clearCache();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        drop();
        super.init(context, root);
    }

    @Override
    public void close() {
        drop();
        super.close();
    }

    /** A map of at most {@code capacity} entries that drops the least recently used: a layer's bounded memory. */
    static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Through {@link #get} and {@link #put}, so that the layer's own rules apply. */
    @Override
    public V putIfAbsent(String key, V value) {
        return putIfAbsent(this, key, value);
    }

    /** A store layer's {@code putIfAbsent} through its own {@code get} and {@code put}. */
    static <V> V putIfAbsent(KeyValueStore<String, V> layer, String key, V value) {
        V old = layer.get(key);
        if (old == null) {
            layer.put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }
}
