package io.wirewatch.enrich.stories;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.enrich.EnrichTopology;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static io.wirewatch.enrich.stories.NearDuplicatesTest.SAME_EVENT;
import static io.wirewatch.enrich.stories.NearDuplicatesTest.WIRE;
import static io.wirewatch.enrich.stories.NearDuplicatesTest.WIRE_EDITED;
import static org.assertj.core.api.Assertions.assertThat;

/** Near-copies and the story state's caches, through the real topologies on the TopologyTestDriver. */
class StoryStateTopologyTest {

    @TempDir
    Path stateDir;

    private Properties config(String app) {
        Properties p = EnrichService.config("unused:9092", app);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(app).toString());
        return p;
    }

    @Test
    void wireCopiesWithSmallEditsAreDuplicatesOfTheEarliestInItsStory() {
        Map<String, EnrichedArticle> out = new LinkedHashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichService.topology(), config("near-copies"))) {
            var raw = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
            var enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                    JsonSerde.ENRICHED.deserializer());
            String title = "Landslide cuts off mountain villages";
            send(raw, "w1", "wire.example", title, WIRE);
            send(raw, "e1", "other.example", "Twelve missing after landslide blocks highway", SAME_EVENT);
            send(raw, "w2", "paper.example", title + " in the north", WIRE_EDITED);
            // a copy of the copy, trimmed further: still a copy of the earliest article
            send(raw, "w3", "radio.example", title, WIRE_EDITED.substring(0, WIRE_EDITED.lastIndexOf("Engineers")));
            enriched.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        }
        assertThat(out.get("w1").duplicateOf()).isNull();
        assertThat(out.get("e1").duplicateOf()).isNull();
        assertThat(out.get("w2").duplicateOf()).isEqualTo("w1");
        assertThat(out.get("w3").duplicateOf()).isEqualTo("w1");
        assertThat(out.get("w2").storyId()).isEqualTo(out.get("w1").storyId());
        assertThat(out.get("w3").storyId()).isEqualTo(out.get("w1").storyId());
    }

    @Test
    void aCopyJoinsItsOriginalsStoryEvenWhenAnotherStoryLooksCloser() {
        Map<String, EnrichedArticle> out = new LinkedHashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichService.topology(), config("copy-story"))) {
            var raw = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
            var enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                    JsonSerde.ENRICHED.deserializer());
            send(raw, "w1", "wire.example", "Landslide cuts off mountain villages", WIRE);
            send(raw, "w2", "paper.example", "Landslide cuts off mountain villages", WIRE_EDITED);
            enriched.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
        }
        assertThat(out.get("w2").duplicateOf()).isEqualTo("w1");
        assertThat(out.get("w2").storyId()).isEqualTo(out.get("w1").storyId());
    }

    /**
     * In a running topology a processor gets its stores inside Streams' read-write decorator: the story
     * processor must still find the story store's write-back and article-id layers below it, or every
     * candidate would be decoded whole (same stories, at a higher cost).
     */
    @Test
    void aProcessorFindsTheStoryStoreLayersBelowStreamsDecorator() {
        List<String> found = new ArrayList<>();
        StreamsBuilder b = new StreamsBuilder();
        EnrichTopology.storyStores().forEach(b::addStateStore);
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, Void, Void>() {
                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        var store = context.getStateStore(StoryProcessor.STORIES_STORE);
                        WriteBackStore<StoryState> held = WriteBackStore.of(store);
                        found.add(store instanceof WriteBackStore<?> ? "undecorated" : "decorated");
                        found.add(held != null && held.below() instanceof ArticleIdChunkStore ? "layers" : "none");
                    }

                    @Override
                    public void process(Record<String, String> r) {}
                }, StoryProcessor.STORE_NAMES.toArray(String[]::new));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config("layers"))) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
        }
        assertThat(found).containsExactly("decorated", "layers");
    }

    /**
     * The caches in front of the stores must not change a single assignment: stories decoded from
     * the store on every read (a one-entry cache, as after a restart) give what the default caches
     * and no cache give, over a stream with follow-ups, copies, near-copies and expired stories.
     */
    @Test
    void assignmentsAreTheSameWhateverTheCacheHolds() {
        List<EnrichedArticle> stream = stream(600, new Random(5));
        var none = assign(stream, new StoryProcessor.CacheSizes(0, 0, 0), "none");
        var one = assign(stream, new StoryProcessor.CacheSizes(1, 1, 1), "one");
        var defaults = assign(stream, StoryProcessor.CacheSizes.defaults(), "defaults");
        assertThat(one).isEqualTo(none);
        assertThat(defaults).isEqualTo(none);
        // the stream is not trivial: stories of several articles, copies, and more than one story
        assertThat(none.values().stream().map(v -> v.get(0)).distinct().count()).isBetween(50L, 400L);
        assertThat(none.values().stream().filter(v -> v.get(1) != null).count()).isGreaterThan(20);
    }

    private Map<String, List<String>> assign(List<EnrichedArticle> stream, StoryProcessor.CacheSizes sizes, String app) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                EnrichTopology.storiesOnly("in", "out", "stories", StoryClusterer.Params.defaults(), sizes), config(app))) {
            var in = driver.createInputTopic("in", new StringSerializer(), JsonSerde.ENRICHED.serializer());
            var res = driver.createOutputTopic("out", new StringDeserializer(), JsonSerde.ENRICHED.deserializer());
            for (EnrichedArticle a : stream) {
                in.pipeInput(a.id(), a);
            }
            for (var kv : res.readKeyValuesToList()) {
                out.put(kv.key, java.util.Arrays.asList(kv.value.storyId(), kv.value.duplicateOf()));
            }
        }
        return out;
    }

    /** Events of a few articles each, an hour apart, with some copies and edited copies, over six weeks. */
    private static List<EnrichedArticle> stream(int n, Random rnd) {
        List<EnrichedArticle> out = new ArrayList<>();
        long t = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            int event = Math.max(0, i / 4 - rnd.nextInt(3));
            String text;
            if (i > 10 && rnd.nextInt(10) == 0) {
                EnrichedArticle src = out.get(out.size() - 1 - rnd.nextInt(10));
                text = rnd.nextBoolean() ? src.text() : "Updated: " + src.text().replaceFirst("\\bw\\d+", "changed");
            } else {
                StringBuilder b = new StringBuilder();
                for (int w = 0; w < 80; w++) {
                    b.append(w % 5 == 0 ? "event" + event + "x" + (w / 5 % 4) : "w" + rnd.nextInt(3000)).append(' ');
                }
                text = b.toString();
            }
            String when = Instant.ofEpochMilli(t + i * 3_600_000L * 2).toString();
            List<Entity> ents = event % 3 == 0 ? List.of(new Entity("org-" + event % 7, Entity.ORG, "Org", 1, 0, List.of()))
                    : List.of();
            out.add(new EnrichedArticle("a" + i, "https://x.example/" + i, null, "o" + i % 5 + ".example",
                    "event" + event + "x0 report", null, when, when, "en", text, ents, null, null, List.of()));
        }
        return out;
    }

    private static void send(org.apache.kafka.streams.TestInputTopic<String, byte[]> raw, String id, String outlet,
                             String title, String text) {
        RawArticle a = new RawArticle(id, "https://" + outlet + "/" + id, null, outlet, title, null, "2026-04-09",
                "2026-04-09T12:00:00Z", "en", text);
        raw.pipeInput(id, Json.writeBytes(a));
    }
}
