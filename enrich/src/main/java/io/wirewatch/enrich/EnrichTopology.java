package io.wirewatch.enrich;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryProcessor;
import io.wirewatch.enrich.stories.StoryState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * enrich: raw articles → entities and claims (stateless, on every partition) → one story
 * partition where the clustering state lives → enriched articles and the stories table.
 */
public final class EnrichTopology {

    private EnrichTopology() {}

    public static Topology build(ArticleEnricher enricher, StoryClusterer.Params params) {
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, RawArticle> raw = builder.stream(Topics.RAW,
                Consumed.with(Serdes.String(), JsonSerde.RAW).withName("read-raw-articles"));

        KStream<String, EnrichedArticle> tagged = raw
                .filter((id, article) -> article != null, Named.as("drop-tombstones"))
                .mapValues(enricher::enrich, Named.as("tag-entities-and-claims"));

        // Stories need every article in one place: a single-partition hop keeps one clustering state.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoryProcessor.STORIES_STORE), Serdes.String(), JsonSerde.of(StoryState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoryProcessor.POSTINGS_STORE), Serdes.String(),
                JsonSerde.of(StoryProcessor.Postings.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoryProcessor.DF_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoryProcessor.TEXT_STORE), Serdes.String(), Serdes.String()));

        var assigned = tagged
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.ENRICHED)
                        .withName("story-assignment").withNumberOfPartitions(1))
                .process(() -> new StoryProcessor(params), Named.as("assign-stories"),
                        StoryProcessor.STORIES_STORE, StoryProcessor.POSTINGS_STORE, StoryProcessor.DF_STORE,
                        StoryProcessor.TEXT_STORE);

        assigned.mapValues(a -> a.article(), Named.as("enriched-article"))
                .to(Topics.ENRICHED, Produced.with(Serdes.String(), JsonSerde.ENRICHED).withName("write-enriched"));

        assigned.map((id, a) -> KeyValue.pair(a.story().id(), a.story()), Named.as("story-update"))
                .to(Topics.STORIES, Produced.<String, Story>with(Serdes.String(), JsonSerde.STORY).withName("write-stories"));

        return builder.build();
    }
}
