package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/** Assigns each article to a story, with the clustering state kept in the named state stores. */
public final class StoryProcessor implements Processor<String, EnrichedArticle, String, StoryAssignment> {

    public static final String STORIES_STORE = "story-state";
    public static final String POSTINGS_STORE = "story-postings";
    public static final String DF_STORE = "term-document-frequency";
    public static final String TEXT_STORE = "article-text-hashes";

    /** A posting list as stored. */
    public record Postings(List<String> storyIds) {}

    private final StoryClusterer.Params params;
    private ProcessorContext<String, StoryAssignment> context;
    private StoryClusterer clusterer;

    public StoryProcessor(StoryClusterer.Params params) {
        this.params = params;
    }

    @Override
    public void init(ProcessorContext<String, StoryAssignment> context) {
        this.context = context;
        KeyValueStore<String, StoryState> stories = context.getStateStore(STORIES_STORE);
        KeyValueStore<String, Postings> postings = context.getStateStore(POSTINGS_STORE);
        KeyValueStore<String, Long> df = context.getStateStore(DF_STORE);
        KeyValueStore<String, String> texts = context.getStateStore(TEXT_STORE);
        this.clusterer = new StoryClusterer(new StoryStateStore() {
            public StoryState story(String id) { return stories.get(id); }
            public void putStory(StoryState s) { stories.put(s.id(), s); }
            public void deleteStory(String id) { stories.delete(id); }
            public List<String> postings(String term) {
                Postings p = postings.get(term);
                return p == null ? List.of() : p.storyIds();
            }
            public void putPostings(String term, List<String> ids) { postings.put(term, new Postings(ids)); }
            public long documentFrequency(String term) {
                Long v = df.get(term);
                return v == null ? 0 : v;
            }
            public void putDocumentFrequency(String term, long v) { df.put(term, v); }
            public String articleWithText(String hash) { return texts.get(hash); }
            public void putArticleWithText(String hash, String id) { texts.put(hash, id); }
        }, params);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        EnrichedArticle a = record.value();
        StoryClusterer.Assignment as = clusterer.assign(a);
        context.forward(record.withValue(new StoryAssignment(a.withStory(as.storyId(), as.duplicateOf()),
                as.story().toStory())));
    }
}
