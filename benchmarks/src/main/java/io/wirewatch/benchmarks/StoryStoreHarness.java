package io.wirewatch.benchmarks;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.SmileSerde;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.enrich.EnrichTopology;
import io.wirewatch.enrich.stories.DocumentFrequencyStore;
import io.wirewatch.enrich.stories.StoryAssignment;
import io.wirewatch.enrich.stories.StoryInput;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryProcessor;
import io.wirewatch.enrich.stories.StoryState;
import io.wirewatch.enrich.stories.WriteBackStore;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StateSerdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.MeteredKeyValueStore;
import org.apache.kafka.streams.state.internals.ThreadCache;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The real {@link StoryProcessor} over the real RocksDB-backed stores of
 * {@link EnrichTopology#storyStores()}, driven directly on a {@link MockProcessorContext} instead of
 * a topology, so that it commits when the caller says ({@link #commit}) rather than after every record
 * as the test driver does.
 *
 * <p>What differs from a running enrich service: changelogging is off (the mock has no record
 * collector), and a commit flushes the stores' caches (the {@link WriteBackStore}s) into RocksDB as a
 * Streams commit does under exactly-once, but sends nothing. Should a store gain Streams' record
 * cache, it is real too: the mock's state-store context carries a {@code ThreadCache} of size 0, which
 * this harness resizes to the configured {@code statestore.cache.max.bytes}, and every record gets a
 * record context as a task gives it.
 */
final class StoryStoreHarness implements AutoCloseable {

    private static final String TOPIC = "story-scale-in";
    /** {@code -Dstory.serde=smile}: the story store keeps the old Smile encoding. */
    private static final boolean SMILE_STORIES = "smile".equals(System.getProperty("story.serde"));

    private final Path dir;
    private final MockProcessorContext<String, StoryAssignment> context;
    private final InternalProcessorContext<?, ?> storeContext;
    private final List<StateStore> stores = new ArrayList<>();
    private StoryProcessor processor;
    private long offset;
    private boolean closed;

    /**
     * Opens (or reopens) the story stores under {@code dir} with the enrich service's Streams
     * configuration plus {@code overrides}.
     */
    StoryStoreHarness(Path dir, Map<String, Object> overrides, StoryClusterer.Params params) {
        this.dir = dir;
        Properties p = EnrichService.config("127.0.0.1:9", "story-scale");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        p.putAll(overrides);
        context = new MockProcessorContext<>(p, new TaskId(0, 0), dir.toFile());
        storeContext = withRecordCache(context.getStateStoreContext(),
                new StreamsConfig(p).getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
        StateStoreContext ssc = (StateStoreContext) storeContext;
        storeContext.setRecordContext(recordContext(0));
        StoryProcessor.CacheSizes d = StoryProcessor.CacheSizes.defaults();
        StoryProcessor.CacheSizes sizes = new StoryProcessor.CacheSizes(Integer.getInteger("story.cache", d.stories()),
                Integer.getInteger("postings.cache", d.postings()), d.documentFrequencies());
        for (StoreBuilder<?> builder : EnrichTopology.storyStores(sizes)) {
            if (SMILE_STORIES && builder.name().equals(StoryProcessor.STORIES_STORE)) {
                // the story encoding before StoryStateSerde, for a before/after run
                builder = WriteBackStore.builder(StoryProcessor.STORIES_STORE, SmileSerde.of(StoryState.class), sizes.stories());
            }
            StateStore store = builder.withLoggingDisabled().build();
            store.init(ssc, store);
            stores.add(store);
        }
        processor = new StoryProcessor(params);
        processor.init(context);
    }

    /**
     * Commits, closes the processor and starts a new one with {@code params} over the same stores, as a
     * restarted task would (its in-memory caches start empty).
     */
    void restartProcessor(StoryClusterer.Params params) {
        commit();
        processor.close();
        processor = new StoryProcessor(params);
        processor.init(context);
    }

    /** Assigns one article; returns its story id. */
    String process(EnrichedArticle a) {
        long ts = System.currentTimeMillis();
        storeContext.setRecordContext(recordContext(ts));
        processor.process(new Record<>(a.id(), StoryInput.of(a), ts)); // features as enrich's first stage computes them
        var forwards = context.forwarded();
        String story = forwards.get(forwards.size() - 1).record().value().article().storyId();
        context.resetForwards();
        return story;
    }

    /**
     * What a task commit does to the stores before it commits (Streams' {@code ProcessorStateManager.flushCache}):
     * {@code flushCache} on each registered store, the outermost layer. For the story, posting and DF
     * stores that is the {@link WriteBackStore}, which writes its dirty values to RocksDB as
     * one batch; the other stores have no cache layer and were written through already.
     */
    /** One slice of the processor's sweep of copy-detection keys of windows that fell out (0: none left). */
    int sweepCopies() {
        return processor.sweepCopies(StoryProcessor.SWEEP_KEYS);
    }

    void commit() {
        for (StateStore s : stores) {
            if (s instanceof CachedStateStore<?, ?> cached) {
                cached.flushCache();
            }
        }
    }

    /**
     * The named store below its write-back layer (values as that layer stores them: document
     * frequencies as 8-byte longs), or the store itself when it has none: what {@link BulkPrefill}
     * writes to. Only while the write-back layers hold nothing, or they would hide what is written here.
     */
    @SuppressWarnings("unchecked")
    <V> KeyValueStore<String, V> bulkStore(String name) {
        for (StateStore s : stores) {
            if (s.name().equals(name)) {
                if (s instanceof WriteBackStore<?> || s instanceof DocumentFrequencyStore) {
                    return (KeyValueStore<String, V>) ((WrappedStateStore<?, ?, ?>) s).wrapped();
                }
                return (KeyValueStore<String, V>) s;
            }
        }
        throw new IllegalArgumentException("no story store named " + name);
    }

    /**
     * The named store's bytes layer below its metered layer, with the metered layer's serdes: what
     * {@link BulkPrefill} reads and writes, without the per-call metrics and record-context look-ups.
     * Only while the write-back layers above hold nothing, or they would hide what is written here.
     */
    @SuppressWarnings("unchecked")
    <V> RawStore<V> raw(String name) {
        StateStore s = store(name);
        // below the write-back layers (and the story store's article id chunks)
        while (s instanceof WrappedStateStore<?, ?, ?> w && !(s instanceof MeteredKeyValueStore<?, ?>)) {
            s = w.wrapped();
        }
        if (!(s instanceof MeteredKeyValueStore<?, ?> metered)) {
            throw new IllegalStateException("store " + name + " has no metered layer where expected: update the harness");
        }
        try {
            Field f = MeteredKeyValueStore.class.getDeclaredField("serdes");
            f.setAccessible(true);
            return new RawStore<>((KeyValueStore<Bytes, byte[]>) metered.wrapped(), (StateSerdes<String, V>) f.get(metered));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the serdes of store " + name + ": update the harness", e);
        }
    }

    /** A store's bytes layer and its serdes. */
    record RawStore<V>(KeyValueStore<Bytes, byte[]> bytes, StateSerdes<String, V> serdes) {
        V get(String key) {
            byte[] v = bytes.get(Bytes.wrap(serdes.rawKey(key)));
            return v == null ? null : serdes.valueFrom(v);
        }

        /** One write batch. */
        void putAll(Map<String, V> entries) {
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(entries.size());
            entries.forEach((k, v) -> batch.add(KeyValue.pair(Bytes.wrap(serdes.rawKey(k)), serdes.rawValue(v))));
            bytes.putAll(batch);
        }
    }

    /** The named store as the processor sees it (outermost layer). */
    @SuppressWarnings("unchecked")
    <V> KeyValueStore<String, V> store(String name) {
        for (StateStore s : stores) {
            if (s.name().equals(name)) {
                return (KeyValueStore<String, V>) s;
            }
        }
        throw new IllegalArgumentException("no story store named " + name);
    }

    /** Lookups of the story store's decoded LRU so far: {hits, misses}. */
    long[] storyCacheLookups() {
        return cacheLookups(StoryProcessor.STORIES_STORE);
    }

    /** Lookups of the named write-back store's decoded LRU so far: {hits, misses}. */
    long[] cacheLookups(String name) {
        for (StateStore s : stores) {
            if (s.name().equals(name) && s instanceof WriteBackStore<?> w) {
                return new long[] {w.hits(), w.misses()};
            }
        }
        throw new IllegalStateException("store " + name + " is not a write-back store any more: update the harness");
    }

    /** Bytes of every file under the state directory (RocksDB files; Streams turns the write-ahead log off). */
    long diskBytes() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a file compaction just removed
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the processor and the stores (idempotent); closing writes the memtables out. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        processor.close();
        stores.forEach(StateStore::close);
    }

    /**
     * The mock's state-store context is an internal context with a record cache of 0 bytes whose
     * flush-listener registration does nothing, so a caching store could never write through. This
     * gives it the configured size and registers the stores' listeners with it, as a task's context does.
     */
    private static InternalProcessorContext<?, ?> withRecordCache(StateStoreContext mock, long cacheBytes) {
        InternalProcessorContext<?, ?> inner = (InternalProcessorContext<?, ?>) mock;
        inner.cache().resize(cacheBytes);
        Map<Method, Method> accessible = new ConcurrentHashMap<>();
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("registerCacheFlushListener")) {
                inner.cache().addDirtyEntryFlushListener((String) args[0], (ThreadCache.DirtyEntryFlushListener) args[1]);
                return null;
            }
            try {
                // the mock's class is private: without this every call pays an access check (26% of a JFR profile)
                return accessible.computeIfAbsent(method, m -> {
                    m.setAccessible(true);
                    return m;
                }).invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (InternalProcessorContext<?, ?>) Proxy.newProxyInstance(StoryStoreHarness.class.getClassLoader(),
                new Class<?>[] {InternalProcessorContext.class, StateStoreContext.class}, h);
    }

    private ProcessorRecordContext recordContext(long ts) {
        return new ProcessorRecordContext(ts, offset++, 0, TOPIC, new RecordHeaders());
    }
}
