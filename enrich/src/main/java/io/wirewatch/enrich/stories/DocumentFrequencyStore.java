package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Document frequencies (term → number of articles), written as one record per commit instead of one
 * per term. An article has ~400 distinct terms; a commit of a few articles changed ~330 term keys,
 * each a RocksDB write and a changelog record. Here the terms changed since the last commit go into
 * one log record ({@code \u0001dflog/<seq>}: their new counts) in the pre-commit flush, and only once
 * the log holds {@link #foldTerms} distinct terms or {@link #foldRecords} records are the counts
 * folded into their term keys and the log records deleted, in one write batch.
 *
 * <p>Every write still happens in the pre-commit flush, inside the exactly-once transaction, and the
 * store (term keys plus log records) is the truth: after a restore the log records are read back
 * (lazily, on first use: restoration runs after {@code init}) and give the same counts. Closing or
 * recycling the store drops what is held without writing it, as {@link WriteBackStore} does. The
 * counts are exactly those of one key per term; only how they are stored changed. Term keys hold
 * 8-byte longs as before, so an existing store reads on. Scans are not supported (not on the story
 * path).
 */
public final class DocumentFrequencyStore extends CommitFlushedStore<byte[], Long> {

    /** The counts one log record carries. */
    public record Log(Map<String, Long> counts) {}

    static final String LOG_PREFIX = "\u0001dflog/";
    private static final String LOG_END = "\u0001dflog0"; // '0' sorts right after '/'
    private static final Serde<Long> LONGS = Serdes.Long();
    private static final Serde<Log> LOGS = SmileSerde.of(Log.class);

    private final KeyValueStore<String, byte[]> store;
    private final int foldTerms;
    private final int foldRecords;
    /** Counts read from term keys, a bounded LRU (clean: they are in the store). */
    private final Map<String, Long> read;
    /**
     * Counts written since the last fold (in log records or about to be): what term keys do not hold yet.
     * A term is here or in {@link #read}, never in both. Each count is a mutable holder ({@code dirty}: changed
     * since the last flush), so that an article's read and write of a term are one lookup each in one map
     * (they were four, in three maps).
     */
    private final Map<String, WriteBackStore.Entry<Long>> unfolded = new HashMap<>();
    /** Counts written since the last flush, each once. */
    private final List<WriteBackStore.Entry<Long>> sinceFlush = new ArrayList<>();
    private long nextLog;
    private int logRecords;
    private boolean loaded;

    DocumentFrequencyStore(KeyValueStore<String, byte[]> store, int cacheCapacity, int foldTerms, int foldRecords) {
        super(store);
        if (cacheCapacity < 0 || foldTerms < 1 || foldRecords < 1) {
            throw new IllegalArgumentException("store " + store.name() + ": cache capacity must be >= 0 and fold limits >= 1 "
                    + "(were " + cacheCapacity + ", " + foldTerms + ", " + foldRecords + ")");
        }
        this.store = store;
        this.foldTerms = foldTerms;
        this.foldRecords = foldRecords;
        this.read = lru(cacheCapacity);
    }

    /**
     * The builder of the persistent store with this layer outermost; counts are folded into term keys
     * once 50,000 distinct terms (a few MB held) or 600 log records (a minute of 100 ms commits) wait.
     */
    public static StoreBuilder<KeyValueStore<String, Long>> builder(String name, int cacheCapacity) {
        return builder(name, cacheCapacity, 50_000, 600);
    }

    static StoreBuilder<KeyValueStore<String, Long>> builder(String name, int cacheCapacity, int foldTerms, int foldRecords) {
        return WriteBackStore.layered(name, Serdes.ByteArray(),
                inner -> new DocumentFrequencyStore(inner, cacheCapacity, foldTerms, foldRecords));
    }

    @Override
    public Long get(String term) {
        load();
        WriteBackStore.Entry<Long> c = unfolded.get(term);
        if (c != null) {
            return c.value;
        }
        Long v = read.get(term);
        if (v != null) {
            return v;
        }
        byte[] b = store.get(term);
        if (b == null) {
            return null;
        }
        v = LONGS.deserializer().deserialize(null, b);
        read.put(term, v);
        return v;
    }

    @Override
    public void put(String term, Long count) {
        if (count == null || term.startsWith(LOG_PREFIX)) {
            throw new UnsupportedOperationException("store " + name() + " only counts up terms (got " + term + "=" + count + ")");
        }
        load();
        WriteBackStore.Entry<Long> c = unfolded.get(term);
        if (c == null) {
            c = new WriteBackStore.Entry<>(term, count);
            unfolded.put(term, c);
            read.remove(term);
        }
        c.value = count;
        if (!c.dirty) {
            c.dirty = true;
            sinceFlush.add(c);
        }
    }

    @Override
    public Long delete(String term) {
        throw new UnsupportedOperationException("store " + name() + " does not delete terms");
    }

    @Override
    public KeyValueIterator<String, Long> range(String from, String to) {
        throw new UnsupportedOperationException("store " + name() + " has no scans");
    }

    @Override
    public KeyValueIterator<String, Long> reverseRange(String from, String to) {
        throw new UnsupportedOperationException("store " + name() + " has no scans");
    }

    @Override
    public KeyValueIterator<String, Long> all() {
        throw new UnsupportedOperationException("store " + name() + " has no scans");
    }

    @Override
    public KeyValueIterator<String, Long> reverseAll() {
        throw new UnsupportedOperationException("store " + name() + " has no scans");
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, Long> prefixScan(
            P prefix, PS prefixKeySerializer) {
        throw new UnsupportedOperationException("store " + name() + " has no scans");
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    /** Before every commit: one log record with the counts changed since the last, or a fold. */
    @Override
    void writeHeld() {
        if (!sinceFlush.isEmpty()) {
            if (unfolded.size() >= foldTerms || logRecords + 1 >= foldRecords) {
                fold();
            } else {
                Map<String, Long> counts = new HashMap<>(sinceFlush.size() * 2);
                for (WriteBackStore.Entry<Long> c : sinceFlush) {
                    counts.put(c.key, c.value);
                }
                store.put(logKey(nextLog++), LOGS.serializer().serialize(null, new Log(counts)));
                logRecords++;
            }
            sinceFlush.forEach(c -> c.dirty = false);
            sinceFlush.clear();
        }
    }

    /** Log records in the store now (for tests). */
    int logRecords() {
        load();
        return logRecords;
    }

    /** Every unfolded count to its term key and every log record deleted, as one write batch. */
    private void fold() {
        List<KeyValue<String, byte[]>> batch = new ArrayList<>(unfolded.size() + logRecords);
        try (KeyValueIterator<String, byte[]> logs = store.range(LOG_PREFIX, LOG_END)) {
            logs.forEachRemaining(kv -> batch.add(KeyValue.pair(kv.key, null)));
        }
        unfolded.forEach((term, c) -> batch.add(KeyValue.pair(term, LONGS.serializer().serialize(null, c.value))));
        store.putAll(batch);
        unfolded.forEach((term, c) -> read.put(term, c.value));
        unfolded.clear();
        logRecords = 0;
    }

    /** After a restore (or a restart) the log records, in the order written, give the unfolded counts. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        try (KeyValueIterator<String, byte[]> logs = store.range(LOG_PREFIX, LOG_END)) {
            while (logs.hasNext()) {
                KeyValue<String, byte[]> kv = logs.next();
                LOGS.deserializer().deserialize(null, kv.value).counts().forEach((term, v) -> {
                    WriteBackStore.Entry<Long> c = unfolded.get(term);
                    if (c == null) {
                        unfolded.put(term, new WriteBackStore.Entry<>(term, v));
                    } else {
                        c.value = v;
                    }
                });
                nextLog = Long.parseLong(kv.key.substring(LOG_PREFIX.length())) + 1;
                logRecords++;
            }
        }
    }

    private static String logKey(long seq) {
        return LOG_PREFIX + String.format("%019d", seq);
    }

    @Override
    void drop() {
        read.clear();
        unfolded.clear();
        sinceFlush.clear();
        nextLog = 0;
        logRecords = 0;
        loaded = false;
    }
}
