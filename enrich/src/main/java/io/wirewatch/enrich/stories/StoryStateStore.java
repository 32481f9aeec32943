package io.wirewatch.enrich.stories;

import java.util.List;

/** The state story clustering needs; backed by Kafka Streams stores in the topology, by maps in tests. */
public interface StoryStateStore {
    StoryState story(String id);

    void putStory(StoryState s);

    /** Forgets a story (one absorbed by another). */
    void deleteStory(String id);

    List<String> postings(String term);

    void putPostings(String term, List<String> storyIds);

    long documentFrequency(String term);

    void putDocumentFrequency(String term, long df);

    String articleWithText(String textHash);

    void putArticleWithText(String textHash, String articleId);
}
