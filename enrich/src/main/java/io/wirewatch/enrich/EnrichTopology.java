package io.wirewatch.enrich;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.serde.SmileSerde;
import io.wirewatch.enrich.stories.ArticleIdChunkStore;
import io.wirewatch.enrich.stories.DocumentFrequencyStore;
import io.wirewatch.enrich.stories.NearDuplicates;
import io.wirewatch.enrich.stories.StoryAssignment;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryInput;
import io.wirewatch.enrich.stories.StoryProcessor;
import io.wirewatch.enrich.stories.PostingListSerde;
import io.wirewatch.enrich.stories.StoryStateSerde;
import io.wirewatch.enrich.stories.WriteBackStore;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.List;

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

        // everything an article's story needs that the article alone decides is computed here, on every
        // partition, so that the one story partition does only what needs the shared state
        KStream<String, StoryInput> tagged = raw
                .filter((id, article) -> article != null, Named.as("drop-tombstones"))
                .mapValues(enricher::enrich, Named.as("tag-entities-and-claims"))
                .mapValues(StoryInput::of, Named.as("compute-story-features"));

        var assigned = assignStories(builder, tagged.repartition(Repartitioned.with(Serdes.String(), STORY_INPUT)
                .withName("story-assignment").withNumberOfPartitions(1)), params, StoryProcessor.CacheSizes.defaults());
        writeOutputs(assigned, Topics.ENRICHED, Topics.STORIES);
        return builder.build();
    }

    /**
     * The value of the internal story-assignment repartition topic (not in the contract): Smile, which the
     * one story thread decodes at a fraction of the JSON cost. A plain-JSON enriched article, what that
     * topic held before the features were carried, still reads (features computed in the story stage), so
     * records in flight across an upgrade are assigned, not dead-lettered; anything else that does not
     * decode raises {@link SerializationException} and goes to the DLQ.
     */
    public static final Serde<StoryInput> STORY_INPUT = storyInputSerde();

    private static Serde<StoryInput> storyInputSerde() {
        Serde<StoryInput> smile = SmileSerde.of(StoryInput.class);
        Deserializer<EnrichedArticle> json = JsonSerde.ENRICHED.deserializer();
        Deserializer<StoryInput> binary = smile.deserializer();
        return Serdes.serdeFrom(smile.serializer(), (topic, bytes) -> {
            if (bytes != null && bytes.length > 0 && bytes[0] == '{') {
                EnrichedArticle a = json.deserialize(topic, bytes);
                return a == null ? null : StoryInput.withoutFeatures(a);
            }
            return binary.deserialize(topic, bytes);
        });
    }

    /**
     * The story stage alone, from story inputs ({@link #STORY_INPUT}) on {@code inputTopic} to {@code outputTopic} and the
     * stories to {@code storiesTopic}: what the story benchmarks and tests drive, with the same processor,
     * stores and outputs as {@link #build}.
     */
    public static Topology storiesOnly(String inputTopic, String outputTopic, String storiesTopic,
                                       StoryClusterer.Params params, StoryProcessor.CacheSizes sizes) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, StoryInput> in = builder.stream(inputTopic,
                Consumed.with(Serdes.String(), STORY_INPUT).withName("read-story-inputs"));
        writeOutputs(assignStories(builder, in, params, sizes), outputTopic, storiesTopic);
        return builder.build();
    }

    /** The article with its story id; the story it joined, then the redirect of any story it absorbed. */
    private static void writeOutputs(KStream<String, StoryAssignment> assigned, String articlesTopic, String storiesTopic) {
        // the JSON made where the article was tagged, with the story spliced in; encoded here only without one
        assigned.mapValues(a -> a.articleJson() != null ? a.articleJson()
                                : JsonSerde.ENRICHED.serializer().serialize(articlesTopic, a.article()),
                        Named.as("enriched-article"))
                .to(articlesTopic, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-enriched"));
        assigned.flatMap((id, a) -> a.storyUpdates().stream().map(s -> KeyValue.pair(s.id(), s)).toList(),
                        Named.as("story-update"))
                .to(storiesTopic, Produced.<String, Story>with(Serdes.String(), JsonSerde.STORY).withName("write-stories"));
    }

    /**
     * Stories need every article in one place: the caller hands over a single-partition stream, where
     * one clustering state lives. Store values are binary (Smile; stories {@link StoryStateSerde}): a
     * story is read once per candidate, so parsing JSON doubles dominated.
     */
    private static KStream<String, StoryAssignment> assignStories(StreamsBuilder builder,
                                                                  KStream<String, StoryInput> articles,
                                                                  StoryClusterer.Params params,
                                                                  StoryProcessor.CacheSizes sizes) {
        storyStores(sizes).forEach(builder::addStateStore);
        return articles.process(() -> new StoryProcessor(params), Named.as("assign-stories"),
                StoryProcessor.STORE_NAMES.toArray(String[]::new));
    }

    /** The story processor's stores, as the topology builds them (also what the story-cost benchmark opens). */
    public static List<StoreBuilder<?>> storyStores() {
        return storyStores(StoryProcessor.CacheSizes.defaults());
    }

    /**
     * The stores rewritten by many articles between two commits (posting lists, live stories) hold
     * decoded values and write them back before each commit ({@link WriteBackStore}),
     * in place of Streams' record cache, which encodes every put and keeps it in a TreeMap of bytes.
     * Document frequencies go out as one log record per commit ({@link DocumentFrequencyStore}). Keys
     * written once per article (text hashes, near-copy bands and fingerprints) are held until the commit
     * too ({@link #WRITTEN_ONCE_HELD}), so that a commit reaches each store as one write batch: RocksDB's
     * write buffer manager, shared by every store of the JVM and full in a steady run, flushes the memtable
     * of a store on a write that finds it full, so one put per band key (16 per article) made a tiny SST
     * file, and compaction work, nearly every time (BENCHMARKS.md, wt-e2ecpu2).
     */
    public static List<StoreBuilder<?>> storyStores(StoryProcessor.CacheSizes sizes) {
        return List.of(
                ArticleIdChunkStore.builder(StoryProcessor.STORIES_STORE, sizes.stories()),
                WriteBackStore.builder(StoryProcessor.POSTINGS_STORE, new PostingListSerde(),
                        sizes.postings()),
                DocumentFrequencyStore.builder(StoryProcessor.DF_STORE, sizes.documentFrequencies()),
                WriteBackStore.builder(StoryProcessor.TEXT_STORE, Serdes.String(), WRITTEN_ONCE_HELD),
                WriteBackStore.builder(StoryProcessor.BANDS_STORE, Serdes.String(), WRITTEN_ONCE_HELD),
                WriteBackStore.builder(StoryProcessor.FINGERPRINTS_STORE, SmileSerde.of(NearDuplicates.Fingerprint.class),
                        WRITTEN_ONCE_HELD));
    }

    /**
     * Entries held per store written once per key (a commit of the bench's ~9 articles writes ~150 band keys):
     * enough that a commit's writes are not evicted, one by one, before it.
     */
    static final int WRITTEN_ONCE_HELD = 4096;
}
