package io.wirewatch.enrich.stories;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * The story store's layer over its bytes: a story listing more than {@link #CHUNK} article ids keeps them
 * apart, in chunk records of {@link #CHUNK} ids under {@code <story id>\u0000<chunk number>}, and its own
 * record ({@link StoryStateSerde#MAGIC_HEAD}) holds only their number. A story is rewritten with every
 * article it takes (at each commit, by {@link WriteBackStore}), but its article ids only grow at the end,
 * and stop at {@link StoryClusterer#MAX_ARTICLE_IDS}: so a rewrite writes the story's record and the chunks
 * whose ids changed since it was last written or read (none once the list is full), not every id again.
 * A big story's ids were most of its record (2,000 ids, ~40 of ~48 KB), rewritten to RocksDB and the
 * changelog at nearly every commit.
 *
 * <p>What it hands out is the whole story, as before; values stored before this layer (a story with its
 * ids, {@link StoryStateSerde#MAGIC} or Smile) read as they are and are rewritten in the new form when
 * they next change. Every put writes a story's record and its changed chunks in one write batch (and so one
 * transaction's changelog records), and a delete removes its chunks too, so a record never names chunks
 * that are not stored. Which ids the store holds is remembered per story in a bounded LRU (forgotten when
 * the store is re-initialised, recycled or closed, so after a restore it is read back, never assumed).
 * Scans see whole stories (chunk records skipped); {@link #approximateNumEntries} counts chunk records too.
 */
public final class ArticleIdChunkStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, StoryState>
        implements KeyValueStore<String, StoryState> {

    /** Article ids per chunk record; a story listing at most this many keeps them in its own record. */
    static final int CHUNK = 100;
    /** Separates a chunk record's story id from its chunk number: no story id holds it. */
    static final char SEPARATOR = '\u0000';

    /** What the store holds for one story: these ids, apart (in chunks) or in its record. */
    private record Stored(List<String> ids, boolean apart) {}

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, Stored> stored;

    ArticleIdChunkStore(KeyValueStore<String, byte[]> store, int remembered) {
        super(store);
        this.store = store;
        this.stored = CommitFlushedStore.lru(remembered);
    }

    /**
     * The builder of the story store: persistent bytes, this layer, and {@link WriteBackStore} holding
     * {@code capacity} decoded stories outermost.
     */
    public static StoreBuilder<KeyValueStore<String, StoryState>> builder(String name, int capacity) {
        return WriteBackStore.layered(name, Serdes.ByteArray(),
                inner -> new WriteBackStore<>(new ArticleIdChunkStore(inner, Math.max(16, 2 * capacity)), capacity));
    }

    static String chunkKey(String storyId, int chunk) {
        return storyId + SEPARATOR + chunk;
    }

    private static int chunks(int ids) {
        return (ids + CHUNK - 1) / CHUNK;
    }

    @Override
    public StoryState get(String key) {
        return read(key, store.get(key));
    }

    /**
     * The story if it is stored and {@code live} holds for its last event time, else null: one read of its
     * record, whose header decides before anything else is decoded or any chunk read (a story past the
     * window costs that read alone). A value stored in Smile is decoded whole to tell.
     */
    public StoryState getIfLive(String key, LongPredicate live) {
        byte[] value = store.get(key);
        if (value == null) {
            return null;
        }
        Long last = StoryStateSerde.lastEventTime(value);
        if (last != null && !live.test(last)) {
            return null;
        }
        StoryState s = read(key, value);
        return last != null || live.test(s.lastEventTime()) ? s : null;
    }

    /** The whole story from its stored record (null for none), its chunks read when its ids are apart. */
    private StoryState read(String key, byte[] value) {
        if (value == null) {
            return null;
        }
        if (!StoryStateSerde.isHead(value)) {
            StoryState s = StoryStateSerde.decodeStored(value);
            stored.put(key, new Stored(s.articleIds(), false));
            return s;
        }
        int n = StoryStateSerde.idsApart(value);
        List<String> ids = new ArrayList<>(n);
        for (int c = 0; c < chunks(n); c++) {
            byte[] chunk = store.get(chunkKey(key, c));
            if (chunk == null) {
                throw new SerializationException("story " + key + " lists " + n + " article ids stored apart, but chunk "
                        + c + " is missing");
            }
            ids.addAll(StoryStateSerde.decodeIds(chunk));
        }
        StoryState s = StoryStateSerde.decodeHead(value, ids);
        stored.put(key, new Stored(s.articleIds(), true));
        return s;
    }

    @Override
    public void put(String key, StoryState value) {
        List<KeyValue<String, byte[]>> writes = new ArrayList<>();
        writes(key, value, writes);
        store.putAll(writes);
    }

    /** One write batch for all the stories. */
    @Override
    public void putAll(List<KeyValue<String, StoryState>> entries) {
        List<KeyValue<String, byte[]>> writes = new ArrayList<>(entries.size() * 2);
        for (KeyValue<String, StoryState> e : entries) {
            writes(e.key, e.value, writes);
        }
        if (!writes.isEmpty()) {
            store.putAll(writes);
        }
    }

    /** The records that store {@code value} under {@code key} (null: delete), given what the store holds now. */
    private void writes(String key, StoryState value, List<KeyValue<String, byte[]>> out) {
        Stored before = stored.get(key);
        int chunksBefore = before != null ? (before.apart() ? chunks(before.ids().size()) : 0) : storedChunks(key);
        if (value == null) {
            for (int c = 0; c < chunksBefore; c++) {
                out.add(KeyValue.pair(chunkKey(key, c), null));
            }
            out.add(KeyValue.pair(key, null));
            stored.remove(key);
            return;
        }
        List<String> ids = value.articleIds();
        int chunksNow = 0;
        if (ids == null || ids.size() <= CHUNK) {
            out.add(KeyValue.pair(key, StoryStateSerde.encode(value)));
        } else {
            chunksNow = chunks(ids.size());
            // the chunks from the first id that differs from what they hold (none when the list is unchanged)
            int from = before != null && before.apart() ? firstDifference(before.ids(), ids) : 0;
            boolean unchanged = before != null && before.apart() && from == ids.size() && before.ids().size() == from;
            for (int c = unchanged ? chunksNow : from / CHUNK; c < chunksNow; c++) {
                out.add(KeyValue.pair(chunkKey(key, c),
                        StoryStateSerde.encodeIds(ids.subList(c * CHUNK, Math.min(ids.size(), (c + 1) * CHUNK)))));
            }
            out.add(KeyValue.pair(key, StoryStateSerde.encodeHead(value)));
        }
        for (int c = chunksNow; c < chunksBefore; c++) {
            out.add(KeyValue.pair(chunkKey(key, c), null));
        }
        stored.put(key, new Stored(ids, chunksNow > 0));
    }

    /** Chunk records the store holds for a story not remembered: read from its record. */
    private int storedChunks(String key) {
        byte[] v = store.get(key);
        return StoryStateSerde.isHead(v) ? chunks(StoryStateSerde.idsApart(v)) : 0;
    }

    private static int firstDifference(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!Objects.equals(a.get(i), b.get(i))) {
                return i;
            }
        }
        return n;
    }

    @Override
    public StoryState putIfAbsent(String key, StoryState value) {
        return CommitFlushedStore.putIfAbsent(this, key, value);
    }

    @Override
    public StoryState delete(String key) {
        StoryState old = get(key);
        List<KeyValue<String, byte[]>> writes = new ArrayList<>();
        writes(key, null, writes);
        store.putAll(writes);
        return old;
    }

    @Override
    public KeyValueIterator<String, StoryState> range(String from, String to) {
        return new Stories(store.range(from, to));
    }

    @Override
    public KeyValueIterator<String, StoryState> reverseRange(String from, String to) {
        return new Stories(store.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<String, StoryState> all() {
        return new Stories(store.all());
    }

    @Override
    public KeyValueIterator<String, StoryState> reverseAll() {
        return new Stories(store.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, StoryState> prefixScan(
            P prefix, PS prefixKeySerializer) {
        return new Stories(store.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        stored.clear();
        super.init(context, root);
    }

    @Override
    public void clearCache() {
        stored.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        stored.clear();
        super.close();
    }

    /** Whole stories over a scan of the bytes, chunk records skipped. */
    private final class Stories implements KeyValueIterator<String, StoryState> {
        private final KeyValueIterator<String, byte[]> it;
        private KeyValue<String, byte[]> next;

        Stories(KeyValueIterator<String, byte[]> it) {
            this.it = it;
        }

        private KeyValue<String, byte[]> advance() {
            while (next == null && it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.key.indexOf(SEPARATOR) < 0) {
                    next = kv;
                }
            }
            return next;
        }

        @Override
        public boolean hasNext() {
            return advance() != null;
        }

        @Override
        public KeyValue<String, StoryState> next() {
            KeyValue<String, byte[]> kv = advance();
            if (kv == null) {
                throw new NoSuchElementException();
            }
            next = null;
            return KeyValue.pair(kv.key, read(kv.key, kv.value));
        }

        @Override
        public String peekNextKey() {
            KeyValue<String, byte[]> kv = advance();
            if (kv == null) {
                throw new NoSuchElementException();
            }
            return kv.key;
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
