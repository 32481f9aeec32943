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

    String articleWithText(String textHash);

    void putArticleWithText(String textHash, String articleId);

    /** The earliest article with this near-copy band key, or null. */
    String nearCopyBand(String bandKey);

    void putNearCopyBand(String bandKey, String articleId);

    NearDuplicates.Fingerprint fingerprint(String articleId);

    void putFingerprint(String articleId, NearDuplicates.Fingerprint f);

    /** A store whose copy-detection state is a {@link NearCopyWindow} (the topology's). */
    interface WindowedCopies extends StoryStateStore {
        NearCopyWindow copies();

        @Override
        default String articleWithText(String textHash) {
            return copies().articleWithText(textHash);
        }

        @Override
        default void putArticleWithText(String textHash, String articleId) {
            copies().putArticleWithText(textHash, articleId);
        }

        @Override
        default String nearCopyBand(String bandKey) {
            return copies().nearCopyBand(bandKey);
        }

        @Override
        default void putNearCopyBand(String bandKey, String articleId) {
            copies().putNearCopyBand(bandKey, articleId);
        }

        @Override
        default NearDuplicates.Fingerprint fingerprint(String articleId) {
            return copies().fingerprint(articleId);
        }

        @Override
        default void putFingerprint(String articleId, NearDuplicates.Fingerprint f) {
            copies().putFingerprint(articleId, f);
        }
    }
}
