package io.wirewatch.enrich.stories;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Assigns each article to a story, with the clustering state kept in the named state stores.
 * Stories, posting lists and document frequencies are read and written through
 * {@link WriteBackStore}s (bounded LRUs of decoded values written back before each commit; see
 * {@link io.wirewatch.enrich.EnrichTopology#storyStores(CacheSizes)}): the stores stay the truth.
 */
public final class StoryProcessor implements Processor<String, StoryInput, String, StoryAssignment> {

    public static final String STORIES_STORE = "story-state";
    public static final String POSTINGS_STORE = "story-postings";
    public static final String DF_STORE = "term-document-frequency";
    public static final String TEXT_STORE = "article-text-hashes";
    public static final String BANDS_STORE = "near-copy-bands";
    public static final String FINGERPRINTS_STORE = "near-copy-fingerprints";
    /** Every store the processor reads and writes. */
    public static final List<String> STORE_NAMES = List.of(STORIES_STORE, POSTINGS_STORE, DF_STORE,
            TEXT_STORE, BANDS_STORE, FINGERPRINTS_STORE);

    /** A posting list as stored before {@link PostingListSerde} (Smile): still read. */
    public record Postings(List<String> storyIds) {}

    /**
     * Entries held decoded per store. A story is about 20 KB decoded (mostly its centroid), so
     * the defaults hold about 40 MB of stories: the live ones a stream of news keeps hitting.
     */
    public record CacheSizes(int stories, int postings, int documentFrequencies) {
        public static CacheSizes defaults() {
            return new CacheSizes(2048, 20_000, 200_000);
        }
    }

    /** How often, and how many keys at most, {@link NearCopyWindow#sweep} deletes of windows that fell out. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    public static final int SWEEP_KEYS = 5_000;

    private final StoryClusterer.Params topologyParams;
    private ProcessorContext<String, StoryAssignment> context;
    private StoryClusterer clusterer;
    private NearCopyWindow copies;

    /**
     * The story window is the application's {@value StoryWindow#CONFIG} when it sets one, else the one of
     * {@code params}; copies are remembered for the same window
     * ({@link NearCopyWindow}; for the default window when it is 0).
     */
    public StoryProcessor(StoryClusterer.Params params) {
        this.topologyParams = params;
    }

    @Override
    public void init(ProcessorContext<String, StoryAssignment> context) {
        this.context = context;
        long configured = StoryWindow.millis(context.appConfigs(), -1);
        StoryClusterer.Params params = configured > 0 ? topologyParams.withWindowMillis(configured) : topologyParams;
        // a window of 0 in code (the benchmarks' pre-fill: no story is joined) still remembers copies for the default
        long window = params.windowMillis() > 0 ? params.windowMillis() : StoryWindow.DEFAULT_MILLIS;
        KeyValueStore<String, StoryState> stories = context.getStateStore(STORIES_STORE);
        KeyValueStore<String, PostingList> postings = context.getStateStore(POSTINGS_STORE);
        KeyValueStore<String, Long> df = context.getStateStore(DF_STORE);
        KeyValueStore<String, String> texts = context.getStateStore(TEXT_STORE);
        KeyValueStore<String, String> bands = context.getStateStore(BANDS_STORE);
        KeyValueStore<String, NearDuplicates.Fingerprint> prints = context.getStateStore(FINGERPRINTS_STORE);
        // the story store's own layers, below the decorator Streams puts around it (null: plain reads, same stories)
        WriteBackStore<StoryState> writeBack = WriteBackStore.of(stories);
        ArticleIdChunkStore chunks = writeBack != null && writeBack.below() instanceof ArticleIdChunkStore c ? c : null;
        WriteBackStore<StoryState> held = chunks != null ? writeBack : null;
        NearCopyWindow copies = new NearCopyWindow(texts, bands, prints, window);
        this.copies = copies;
        // keys of windows that fell out go a slice per second, not in one stall when the window turns
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> sweepCopies(SWEEP_KEYS));
        this.clusterer = new StoryClusterer(new StoryStateStore() {
            public StoryState story(String id) { return stories.get(id); }
            public StoryState liveStory(String id, LongPredicate live) {
                if (held == null) {
                    return StoryStateStore.super.liveStory(id, live);
                }
                // a story not held is read once: its record's header decides before it is decoded
                StoryState s = held.get(id, k -> chunks.getIfLive(k, live));
                return s != null && live.test(s.lastEventTime()) ? s : null;
            }
            public void putStory(StoryState s) { stories.put(s.id(), s); }
            public void deleteStory(String id) { stories.delete(id); }
            public PostingList postings(String term) {
                PostingList p = postings.get(term);
                return p == null ? PostingList.EMPTY : p;
            }
            public void putPostings(String term, PostingList ids) { postings.put(term, ids); }
            public long documentFrequency(String term) {
                Long v = df.get(term);
                return v == null ? 0 : v;
            }
            public void putDocumentFrequency(String term, long v) { df.put(term, v); }
            public CopyStore copies() { return copies; }
        }, params);
    }

    /** One slice of {@link NearCopyWindow#sweep}: keys deleted, 0 when none of a fallen-out window is left. */
    public int sweepCopies(int maxKeys) {
        return copies.sweep(maxKeys);
    }

    @Override
    public void process(Record<String, StoryInput> record) {
        StoryInput in = record.value();
        var a = in.article();
        StoryFeatures f = in.featuresOrCompute();
        copies.advance(f.eventTime());
        StoryClusterer.Assignment as = clusterer.assign(a, f);
        context.forward(record.withValue(new StoryAssignment(a.withStory(as.storyId(), as.duplicateOf()),
                in.enrichedJson(as.storyId(), as.duplicateOf()), as.story().toStory(), as.redirects())));
    }
}
