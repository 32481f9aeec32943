package io.wirewatch.enrich.stories;

import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded LRU of decoded values in front of one state store, write-through: every put goes to
 * the store first, so the store stays the truth and the cache only saves decoding what was read or
 * written lately. It lives and dies with the processor instance (created in {@code init}, dropped
 * in {@code close}), so after a restart, a rebalance or an aborted transaction (the task is closed
 * and re-initialised over the restored store) it starts empty and refills lazily. Values must be
 * immutable: callers get the cached instance.
 */
final class LiveCache<V> {

    private final KeyValueStore<String, V> store;
    private final LinkedHashMap<String, V> lru;
    private long hits;
    private long misses;

    LiveCache(KeyValueStore<String, V> store, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, was " + capacity);
        }
        this.store = store;
        this.lru = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(String key) {
        V v = lru.get(key);
        if (v != null) {
            hits++;
            return v;
        }
        misses++;
        v = store.get(key);
        if (v != null) {
            lru.put(key, v);
        }
        return v;
    }

    void put(String key, V value) {
        store.put(key, value);
        lru.put(key, value);
    }

    void delete(String key) {
        store.delete(key);
        lru.remove(key);
    }

    /** Hits over lookups so far, for the benchmarks. */
    double hitRate() {
        long n = hits + misses;
        return n == 0 ? 0 : hits / (double) n;
    }

    void clear() {
        lru.clear();
    }
}
