package io.wirewatch.enrich.stories;

import java.util.function.LongPredicate;

/** The state story clustering needs; backed by Kafka Streams stores in the topology, by maps in tests. */
public interface StoryStateStore {
    StoryState story(String id);

    /**
     * The story if it is stored and {@code live} holds for its {@link StoryState#lastEventTime()}, else null: a
     * candidate past the window need not be decoded (the topology's store reads its record's header first).
     */
    default StoryState liveStory(String id, LongPredicate live) {
        StoryState s = story(id);
        return s != null && live.test(s.lastEventTime()) ? s : null;
    }

    void putStory(StoryState s);

    /** Forgets a story (one absorbed by another). */
    void deleteStory(String id);

    /** The stories the index key lists, most recent first; empty when none. */
    PostingList postings(String term);

    void putPostings(String term, PostingList storyIds);

    long documentFrequency(String term);

    void putDocumentFrequency(String term, long df);

    /** The copy-detection state (text hashes, near-copy bands, fingerprints). */
    CopyStore copies();
}
