package io.wirewatch.enrich.stories;

/** The state story clustering needs; backed by Kafka Streams stores in the topology, by maps in tests. */
public interface StoryStateStore {
    StoryState story(String id);

    /** Writes the story, and its {@link StoryState#lastEventTime()} for {@link #lastEventTime}. */
    void putStory(StoryState s);

    /** Forgets a story (one absorbed by another). */
    void deleteStory(String id);

    /** The story's last event time as last written, without decoding the story; null when not known. */
    Long lastEventTime(String storyId);

    /** The stories the index key lists, most recent first; empty when none. */
    PostingList postings(String term);

    void putPostings(String term, PostingList storyIds);

    long documentFrequency(String term);

    void putDocumentFrequency(String term, long df);

    /** The copy-detection state (text hashes, near-copy bands, fingerprints). */
    CopyStore copies();
}
