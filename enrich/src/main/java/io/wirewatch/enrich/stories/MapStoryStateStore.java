package io.wirewatch.enrich.stories;

import java.util.HashMap;
import java.util.Map;

/**
 * The clustering state in plain maps, for in-memory runs of {@link StoryClusterer}: unit tests and the
 * benchmarks' story-quality harness (the topology keeps it in Kafka Streams stores, {@link StoryProcessor}).
 */
public class MapStoryStateStore implements StoryStateStore, CopyStore {
    public final Map<String, StoryState> stories = new HashMap<>();
    public final Map<String, PostingList> postings = new HashMap<>();
    public final Map<String, Long> df = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, String> bands = new HashMap<>();
    private final Map<String, NearDuplicates.Fingerprint> prints = new HashMap<>();

    public StoryState story(String id) { return stories.get(id); }
    public void putStory(StoryState s) { stories.put(s.id(), s); }
    public void deleteStory(String id) { stories.remove(id); }
    public PostingList postings(String term) { return postings.getOrDefault(term, PostingList.EMPTY); }
    public void putPostings(String term, PostingList ids) { postings.put(term, ids); }
    public long documentFrequency(String term) { return df.getOrDefault(term, 0L); }
    public void putDocumentFrequency(String term, long v) { df.put(term, v); }
    public CopyStore copies() { return this; }
    public String articleWithText(String hash) { return texts.get(hash); }
    public void putArticleWithText(String hash, String id) { texts.put(hash, id); }
    public String nearCopyBand(String key) { return bands.get(key); }
    public void putNearCopyBand(String key, String id) { bands.put(key, id); }
    public NearDuplicates.Fingerprint fingerprint(String id) { return prints.get(id); }
    public void putFingerprint(String id, NearDuplicates.Fingerprint f) { prints.put(id, f); }
}
