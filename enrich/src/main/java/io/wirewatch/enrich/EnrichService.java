package io.wirewatch.enrich;

import io.wirewatch.common.kafka.StreamsDefaults;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryWindow;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.util.Properties;

/** The enrich service: builds its topology and runs it with the shared Streams defaults. */
public final class EnrichService {

    public static final String APPLICATION_ID = "wirewatch-enrich";

    private EnrichService() {}

    public static Topology topology() {
        return EnrichTopology.build(ArticleEnricher.withDefaultKnowledgeBase(), StoryClusterer.Params.defaults());
    }

    public static Properties config(String bootstrap, String applicationId) {
        return StreamsDefaults.base(applicationId == null ? APPLICATION_ID : applicationId, bootstrap, "enrich");
    }

    public static KafkaStreams create(String bootstrap, Properties overrides) {
        Properties p = config(bootstrap, null);
        p.putAll(overrides);
        validate(p);
        return new KafkaStreams(topology(), p);
    }

    /**
     * Refuses, before anything starts, a configuration the story processor would refuse at its first task:
     * today a bad {@value StoryWindow#CONFIG}. Throws
     * {@link IllegalArgumentException} with the reason.
     */
    public static void validate(Properties p) {
        StoryWindow.millis(p, StoryWindow.DEFAULT_MILLIS);
    }
}
