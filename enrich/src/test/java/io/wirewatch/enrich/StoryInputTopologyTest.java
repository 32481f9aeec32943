package io.wirewatch.enrich;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.EnrichedJson;
import io.wirewatch.common.time.DateExpr;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryFeatures;
import io.wirewatch.enrich.stories.StoryInput;
import io.wirewatch.enrich.stories.StoryProcessor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story-assignment repartition record ({@link EnrichTopology#STORY_INPUT}): features computed on the
 * stateless partitions give the story stage exactly what computing them there gives, and a record on that
 * topic that does not decode is dead-lettered while the stream goes on.
 */
class StoryInputTopologyTest {

    private static final String REPARTITION = "-story-assignment-repartition";

    @TempDir
    Path stateDir;

    private Properties config(String app) {
        Properties p = EnrichService.config("unused:9092", app);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(app).toString());
        // the test driver (4.3.1) drops what the deserialization handler sends to the DLQ under exactly-once
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return p;
    }

    @Test
    void featuresComputedUpstreamGiveTheSameAssignmentsAndStoriesAsComputedInTheStoryStage() {
        List<EnrichedArticle> stream = stream(500, new Random(11));
        // a plain-JSON article carries no features: the story stage computes them itself
        Run inStage = run(stream, a -> Json.writeBytes(a), "in-stage");
        Run upstream = run(stream, a -> EnrichTopology.STORY_INPUT.serializer().serialize("in", StoryInput.of(a)),
                "upstream");

        assertThat(upstream.assignments).isEqualTo(inStage.assignments);
        assertThat(upstream.stories).isEqualTo(inStage.stories);
        // the enriched JSON made upstream with the story spliced in is what the story stage would encode
        assertThat(upstream.written).hasSameSizeAs(inStage.written);
        for (int i = 0; i < inStage.written.size(); i++) {
            assertThat(upstream.written.get(i)).isEqualTo(inStage.written.get(i));
        }
        // not trivial: multi-article stories, exact and near copies, merges or not, all there
        assertThat(inStage.assignments).hasSize(stream.size());
        assertThat(inStage.assignments.values().stream().map(v -> v.get(0)).distinct().count()).isBetween(40L, 500L);
        assertThat(inStage.assignments.values().stream().filter(v -> v.get(1) != null).count()).isGreaterThan(30);
    }

    @Test
    void featuresSurviveTheRepartitionEncodingUnchanged() {
        for (EnrichedArticle a : stream(60, new Random(3))) {
            StoryFeatures f = StoryFeatures.of(a);
            StoryInput back = EnrichTopology.STORY_INPUT.deserializer().deserialize("t",
                    EnrichTopology.STORY_INPUT.serializer().serialize("t", StoryInput.of(a)));
            // the text travels once, in the JSON, unless the headline has to come from it; claims only there
            boolean titled = a.title() != null && !a.title().isBlank();
            assertThat(back.article().text()).isEqualTo(titled ? null : a.text());
            assertThat(back.article().claims()).isEmpty();
            assertThat(back.article().withStory(null, null)).usingRecursiveComparison().ignoringFields("text", "claims")
                    .isEqualTo(a);
            assertThat(back.features().titleTerms()).isEqualTo(f.titleTerms());
            // the same entries in the same order: the story stage sums them in this order
            assertThat(back.features().textTerms().entrySet()).containsExactlyElementsOf(f.textTerms().entrySet());
            assertThat(back.features().textHash()).isEqualTo(f.textHash());
            assertThat(back.features().signature()).isEqualTo(f.signature());
            assertThat(back.features().eventTime()).isEqualTo(f.eventTime());
            assertThat(back.enrichedJson("s-1", "a0")).isEqualTo(Json.writeBytes(a.withStory("s-1", "a0")));
        }
    }

    @Test
    void aRecordThatCarriesTheWholeArticleStillGivesTheSameOutputs() {
        // written before the article was carried without its text and claims: features, JSON and all of it
        List<EnrichedArticle> stream = stream(300, new Random(5)).stream().map(a -> a.text().length() % 2 == 0 ? a
                : new EnrichedArticle(a.id(), a.url(), a.canonicalUrl(), a.outlet(), a.title(), a.author(), a.published(),
                        a.fetched(), a.lang(), a.text(), a.entities(), null, null,
                        List.of(new Claim("org-1", "Org", "FR", "France", "designated", "terrorist-list",
                                DateExpr.absolute(2026, 2, 1), null, false, "Org was listed.", 0.9))))
                .toList();
        Run whole = run(stream, a -> {
            EnrichedJson.Template t = EnrichedJson.template(a);
            return EnrichTopology.STORY_INPUT.serializer().serialize("in",
                    new StoryInput(a, StoryFeatures.of(a), t.json(), t.storyAt()));
        }, "whole");
        Run slim = run(stream, a -> EnrichTopology.STORY_INPUT.serializer().serialize("in", StoryInput.of(a)), "slim");

        assertThat(slim.assignments).isEqualTo(whole.assignments);
        assertThat(slim.stories).isEqualTo(whole.stories);
        assertThat(slim.written).hasSameSizeAs(whole.written);
        for (int i = 0; i < whole.written.size(); i++) {
            assertThat(slim.written.get(i)).isEqualTo(whole.written.get(i));
            assertThat(slim.written.get(i)).isEqualTo(Json.writeBytes(
                    stream.get(i).withStory(slim.assignments.get(stream.get(i).id()).get(0),
                            slim.assignments.get(stream.get(i).id()).get(1))));
        }
        // and the slim record is smaller by about the text
        EnrichedArticle a = stream.get(0);
        EnrichedJson.Template t = EnrichedJson.template(a);
        int wholeBytes = EnrichTopology.STORY_INPUT.serializer().serialize("in",
                new StoryInput(a, StoryFeatures.of(a), t.json(), t.storyAt())).length;
        int slimBytes = EnrichTopology.STORY_INPUT.serializer().serialize("in", StoryInput.of(a)).length;
        if (a.title() != null && !a.title().isBlank()) {
            assertThat(wholeBytes - slimBytes).isGreaterThanOrEqualTo(a.text().length());
        }
    }

    @Test
    void aCorruptRepartitionRecordIsDeadLetteredAndTheStreamGoesOn() {
        String app = "story-input-dlq";
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichService.topology(), config(app))) {
            var raw = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
            var repartition = driver.createInputTopic(app + REPARTITION, new StringSerializer(), new ByteArraySerializer());
            var enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                    JsonSerde.ENRICHED.deserializer());
            var dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(), JsonSerde.DEAD_LETTER.deserializer());

            byte[] good = EnrichTopology.STORY_INPUT.serializer().serialize("t", StoryInput.of(article("cut", 0, 1)));
            repartition.pipeInput("cut", Arrays.copyOf(good, good.length / 2)); // a truncated record
            repartition.pipeInput("noise", new byte[] {(byte) 0xfa, 0x01, 0x7f, 0x00, (byte) 0x99});
            repartition.pipeInput("broken-json", "{\"id\": \"broken-json\", \"title\": ".getBytes(StandardCharsets.UTF_8));
            RawArticle after = new RawArticle("after", "https://one.example/after", null, "one.example",
                    "Harbour reopens after storm", null, "2026-03-01", "2026-03-01T10:00:00Z", "en",
                    "The harbour reopened on Sunday after the storm, and ferries sailed again to the islands.");
            raw.pipeInput(after.id(), Json.writeBytes(after));

            List<KeyValue<String, DeadLetter>> dead = dlq.readKeyValuesToList();
            assertThat(dead).extracting(kv -> kv.key).containsExactly("cut", "noise", "broken-json");
            for (var kv : dead) {
                assertThat(kv.value.stage()).isEqualTo("enrich.deserialize");
                assertThat(kv.value.sourceTopic()).isEqualTo(app + REPARTITION);
                assertThat(kv.value.reason()).containsAnyOf("StoryInput", "EnrichedArticle");
            }
            assertThat(dead.get(1).value.valueBase64()).as("binary bodies are kept, base64").isNotNull();
            assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("after");
        }
    }

    @Test
    void aPlainJsonArticleOnTheRepartitionTopicIsStillAssigned() {
        String app = "story-input-json";
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichService.topology(), config(app))) {
            var repartition = driver.createInputTopic(app + REPARTITION, new StringSerializer(), new ByteArraySerializer());
            var enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(),
                    JsonSerde.ENRICHED.deserializer());
            var dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(), JsonSerde.DEAD_LETTER.deserializer());
            EnrichedArticle a = article("old", 0, 1);
            EnrichedArticle copy = new EnrichedArticle("old-copy", "https://o2.example/old-copy", null, "o2.example",
                    a.title(), null, a.published(), a.fetched(), "en", a.text(), a.entities(), null, null, List.of());
            // written before the features were carried, and after: one story, the second a copy of the first
            repartition.pipeInput(a.id(), Json.writeBytes(a));
            repartition.pipeInput(copy.id(), EnrichTopology.STORY_INPUT.serializer().serialize("t", StoryInput.of(copy)));
            Map<String, EnrichedArticle> out = new LinkedHashMap<>();
            enriched.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
            assertThat(out).containsOnlyKeys("old", "old-copy");
            assertThat(out.get("old").storyId()).isNotBlank();
            assertThat(out.get("old-copy").storyId()).isEqualTo(out.get("old").storyId());
            assertThat(out.get("old-copy").duplicateOf()).isEqualTo("old");
            assertThat(dlq.isEmpty()).isTrue();
        }
    }

    private record Run(Map<String, List<String>> assignments, List<KeyValue<String, Story>> stories,
                       List<byte[]> written) {}

    private Run run(List<EnrichedArticle> stream, Function<EnrichedArticle, byte[]> encode, String app) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<KeyValue<String, Story>> stories;
        List<byte[]> written = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.storiesOnly("in", "out", "stories",
                StoryClusterer.Params.defaults(), StoryProcessor.CacheSizes.defaults()), config(app))) {
            var in = driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            var res = driver.createOutputTopic("out", new StringDeserializer(), new ByteArrayDeserializer());
            var st = driver.createOutputTopic("stories", new StringDeserializer(), JsonSerde.STORY.deserializer());
            for (EnrichedArticle a : stream) {
                in.pipeInput(a.id(), encode.apply(a));
            }
            for (var kv : res.readKeyValuesToList()) {
                written.add(kv.value);
                EnrichedArticle a = JsonSerde.ENRICHED.deserializer().deserialize("out", kv.value);
                out.put(kv.key, Arrays.asList(a.storyId(), a.duplicateOf()));
            }
            stories = st.readKeyValuesToList();
        }
        return new Run(out, stories, written);
    }

    private static final String[] WORDS = ("harbour storm ferry council vote minister court ruling ban border "
            + "protest strike river flood fire election budget tariff port rail bridge vaccine clinic school "
            + "drought harvest mine pipeline talks ceasefire convoy summit embassy treaty sanction parliament "
            + "Zürich São Łódź ½ 2026 1,200 café naïve").split(" ");

    /**
     * Events of a few articles each over six weeks: varied lengths, words with accents and digits,
     * headlines missing or blank on some, organisations on some, exact copies and edited copies.
     */
    private static List<EnrichedArticle> stream(int n, Random rnd) {
        List<EnrichedArticle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int event = Math.max(0, i / 5 - rnd.nextInt(3));
            EnrichedArticle a = article("a" + i, event, 20 + rnd.nextInt(300), rnd);
            if (i > 10 && rnd.nextInt(8) == 0) {
                EnrichedArticle src = out.get(out.size() - 1 - rnd.nextInt(10));
                String text = rnd.nextBoolean() ? src.text() : "Updated: " + src.text().replaceFirst("\\bw\\d+", "changed");
                a = new EnrichedArticle(a.id(), a.url(), null, a.outlet(), src.title(), null, a.published(), a.fetched(),
                        "en", text, src.entities(), null, null, List.of());
            }
            out.add(a);
        }
        return out;
    }

    private static EnrichedArticle article(String id, int event, int words) {
        return article(id, event, words, new Random(event));
    }

    private static EnrichedArticle article(String id, int event, int words, Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < words; w++) {
            b.append(w % 6 == 0 ? "event" + event + "k" + (w / 6 % 5) : rnd.nextInt(4) == 0
                    ? WORDS[rnd.nextInt(WORDS.length)] : "w" + rnd.nextInt(4000));
            b.append(w % 17 == 16 ? ". " : rnd.nextInt(9) == 0 ? ", " : " ");
        }
        String when = Instant.parse("2026-02-01T00:00:00Z").plusSeconds(event * 9_000L + rnd.nextInt(3600)).toString();
        String title = switch (rnd.nextInt(10)) {
            case 0 -> null;
            case 1 -> " ";
            default -> "Event" + event + "k0 " + WORDS[rnd.nextInt(WORDS.length)] + " report";
        };
        List<Entity> ents = event % 3 == 0
                ? List.of(new Entity("org-" + event % 7, Entity.ORG, "Org", 1, 0, List.of()),
                        new Entity("FR", Entity.LOC, "France", 1, 0, List.of()))
                : List.of();
        return new EnrichedArticle(id, "https://x.example/" + id, null, "o" + rnd.nextInt(6) + ".example", title, null,
                rnd.nextInt(15) == 0 ? null : when, when, "en", b.toString(), ents, null, null, List.of());
    }
}
