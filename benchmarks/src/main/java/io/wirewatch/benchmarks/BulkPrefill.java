package io.wirewatch.benchmarks;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.time.IsoDates;
import io.wirewatch.enrich.stories.CopyStore;
import io.wirewatch.enrich.stories.NearCopyWindow;
import io.wirewatch.enrich.stories.NearDuplicates;
import io.wirewatch.enrich.stories.PostingList;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryProcessor;
import io.wirewatch.enrich.stories.StoryState;
import io.wirewatch.enrich.stories.StoryStateStore;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pre-fills the story stores in bulk with what the story processor would leave after the same
 * articles, each a new event: the real {@link StoryClusterer} assigns every article, against this
 * in-memory {@link StoryStateStore} of one chunk, and each chunk's writes then go to the stores' RocksDB
 * layer (below their write-back caches, which stay empty) as one write batch per store.
 *
 * <p>Reads see what the processor would see, with two shortcuts that hold because every pre-fill
 * article is a new event scored with the pre-fill parameters (window 0, one candidate: no candidate
 * is ever scored): posting lists read empty, so the clusterer lists each story under its keys alone
 * and the flush puts it in front of the stored list, cut at {@code postingsPerTerm} as the processor
 * does; and exact-copy and near-copy look-ups see this chunk only, while the flush keeps a band key or
 * text hash an earlier chunk holds in the same generation (the processor writes only free ones; keys go under
 * the generation of the latest event time, as {@link NearCopyWindow} writes them, and the clock with them). Document frequencies read
 * the stored counts, so every weight is the processor's. The stores then hold the same values.
 */
final class BulkPrefill implements StoryStateStore, CopyStore {

    private final StoryStoreHarness h;
    private final int postingsPerTerm;
    private final StoryClusterer clusterer;
    private static final Serde<Long> LONGS = Serdes.Long();

    /** Document frequencies as their store keeps them: 8-byte longs below its log layer. */
    private final StoryStoreHarness.RawStore<byte[]> dfStore;
    private final Map<String, StoryState> stories = new HashMap<>();
    /** Per key, the stories this chunk listed under it, oldest first. */
    private final Map<String, List<String>> postings = new HashMap<>();
    private final Map<String, Long> df = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, String> bands = new HashMap<>();
    private final Map<String, NearDuplicates.Fingerprint> prints = new HashMap<>();
    /** The processor's near-copy window (the default story window) and the article's generation in it. */
    private final long copyWindow = StoryClusterer.Params.defaults().windowMillis();
    private long generation;
    private long clock = Long.MIN_VALUE;

    BulkPrefill(StoryStoreHarness h, StoryClusterer.Params params) {
        this.h = h;
        this.postingsPerTerm = params.postingsPerTerm();
        this.clusterer = new StoryClusterer(this, params);
        this.dfStore = h.raw(StoryProcessor.DF_STORE);
    }

    /** Assigns one article against the chunk; returns its story id. */
    String assign(EnrichedArticle a) {
        // the processor's clock: the latest event time; copy-detection keys go under its generation
        clock = Math.max(clock, IsoDates.toEpochMillis(a.published()));
        generation = NearCopyWindow.generation(clock, copyWindow);
        return clusterer.assign(a).storyId();
    }

    /** Writes the chunk to the stores, one write batch per store, and starts a new one. */
    void flush() {
        // through the story store's article id chunks, one write batch
        List<KeyValue<String, StoryState>> batch = new ArrayList<>(stories.size());
        stories.forEach((k, v) -> batch.add(KeyValue.pair(k, v)));
        h.<StoryState>bulkStore(StoryProcessor.STORIES_STORE).putAll(batch);
        write(StoryProcessor.FINGERPRINTS_STORE, prints);
        write(StoryProcessor.TEXT_STORE, keepStored(StoryProcessor.TEXT_STORE, texts));
        Map<String, String> freeBands = keepStored(StoryProcessor.BANDS_STORE, bands);
        freeBands.put(NearCopyWindow.CLOCK_KEY, Long.toString(clock));
        write(StoryProcessor.BANDS_STORE, freeBands);
        StoryStoreHarness.RawStore<PostingList> post = h.raw(StoryProcessor.POSTINGS_STORE);
        Map<String, PostingList> merged = new HashMap<>(postings.size() * 2);
        postings.forEach((k, added) -> {
            // newest first, then what the store listed, each story once, cut as the processor cuts
            Set<String> ids = new LinkedHashSet<>();
            for (int i = added.size() - 1; i >= 0 && ids.size() < postingsPerTerm; i--) {
                ids.add(added.get(i));
            }
            PostingList old = post.get(k);
            if (old != null) {
                for (String id : old.ids()) {
                    if (ids.size() >= postingsPerTerm) {
                        break;
                    }
                    ids.add(id);
                }
            }
            merged.put(k, PostingList.of(List.copyOf(ids)));
        });
        write(StoryProcessor.POSTINGS_STORE, merged);
        Map<String, byte[]> counts = new HashMap<>(df.size() * 2);
        df.forEach((k, v) -> counts.put(k, LONGS.serializer().serialize(null, v)));
        write(StoryProcessor.DF_STORE, counts);
        stories.clear();
        postings.clear();
        df.clear();
        texts.clear();
        bands.clear();
        prints.clear();
    }

    /** The entries whose key the store does not hold yet: the first article to have a key keeps it. */
    private Map<String, String> keepStored(String storeName, Map<String, String> chunk) {
        StoryStoreHarness.RawStore<String> store = h.raw(storeName);
        Map<String, String> free = new HashMap<>(chunk.size() * 2);
        chunk.forEach((k, v) -> {
            if (store.get(k) == null) {
                free.put(k, v);
            }
        });
        return free;
    }

    private <V> void write(String storeName, Map<String, V> entries) {
        h.<V>raw(storeName).putAll(entries);
    }

    // The clusterer's view of the stores: this chunk, plus stored document frequencies.

    @Override
    public StoryState story(String id) {
        return stories.get(id);
    }

    @Override
    public void putStory(StoryState s) {
        stories.put(s.id(), s);
    }

    @Override
    public void deleteStory(String id) {
        throw new IllegalStateException("a pre-fill story was absorbed: pre-fill articles must all be new events");
    }

    @Override
    public PostingList postings(String term) {
        return PostingList.EMPTY;
    }

    @Override
    public void putPostings(String term, PostingList storyIds) {
        postings.computeIfAbsent(term, k -> new ArrayList<>()).add(storyIds.id(0));
    }

    @Override
    public long documentFrequency(String term) {
        Long v = df.get(term);
        if (v == null) {
            byte[] b = dfStore.get(term);
            v = b == null ? 0L : LONGS.deserializer().deserialize(null, b);
        }
        return v;
    }

    @Override
    public void putDocumentFrequency(String term, long v) {
        df.put(term, v);
    }

    @Override
    public CopyStore copies() {
        return this;
    }

    @Override
    public String articleWithText(String hash) {
        return texts.get(NearCopyWindow.key(generation, hash));
    }

    @Override
    public void putArticleWithText(String hash, String id) {
        texts.put(NearCopyWindow.key(generation, hash), id);
    }

    @Override
    public String nearCopyBand(String key) {
        return bands.get(NearCopyWindow.key(generation, key));
    }

    @Override
    public void putNearCopyBand(String key, String id) {
        bands.put(NearCopyWindow.key(generation, key), id);
    }

    @Override
    public NearDuplicates.Fingerprint fingerprint(String id) {
        return prints.get(NearCopyWindow.key(generation, id));
    }

    @Override
    public void putFingerprint(String id, NearDuplicates.Fingerprint f) {
        prints.put(NearCopyWindow.key(generation, id), f);
    }
}
