package io.wirewatch.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The enrich topology end to end on the TopologyTestDriver, with the service's own Streams defaults. */
class EnrichTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, Story> stories;
    private TestOutputTopic<String, DeadLetter> dlq;
    /** The same topic as {@link #enriched}, undecoded: what a consumer of the contract reads. */
    private TestOutputTopic<String, byte[]> enrichedJson;

    @BeforeEach
    void start() {
        Properties p = EnrichService.config("unused:9092", "enrich-topology-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The test driver (4.3.1) drops what the deserialization handler sends to the DLQ when it runs
        // exactly-once (its mock producer never commits that send); the handlers are the same either way.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(EnrichService.topology(), p);
        raw = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(), JsonSerde.ENRICHED.deserializer());
        stories = driver.createOutputTopic(Topics.STORIES, new StringDeserializer(), JsonSerde.STORY.deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, new StringDeserializer(), JsonSerde.DEAD_LETTER.deserializer());
        enrichedJson = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(RawArticle a) {
        raw.pipeInput(a.id(), Json.writeBytes(a));
    }

    /** Sends the article and returns its enriched JSON (read through {@link #enrichedJson}). */
    private JsonNode sendAndRead(String id, String outlet, String published, String title, String text) throws Exception {
        send(article(id, outlet, published, title, text));
        JsonNode found = null;
        for (KeyValue<String, byte[]> kv : enrichedJson.readKeyValuesToList()) {
            if (kv.key.equals(id)) {
                found = Json.MAPPER.readTree(kv.value);
            }
        }
        return found;
    }

    private static RawArticle article(String id, String outlet, String published, String title, String text) {
        return new RawArticle(id, "https://" + outlet + "/" + id, "https://" + outlet + "/" + id, outlet, title, null,
                published, published + "T12:00:00Z", "en", text);
    }

    private static final String RULING = "On March 4, Paraguay's Supreme Court lifted the ban on Hezbollah after a "
            + "two-year review of the case. Judges said the original listing lacked evidence. Hezbollah has been "
            + "banned in Paraguay since 2019, and Asuncion officials welcomed the decision.";
    private static final String RULING_COPY = "On March 4, Paraguay's Supreme Court lifted the ban on Hezbollah after a "
            + "two-year review of the case. The judges said the original listing lacked evidence. Hezbollah had been "
            + "banned in Paraguay since 2019, and officials in Asuncion welcomed the decision.";
    private static final String OTHER = "Estonia designated the Wagner Group a terrorist organization in 2023. "
            + "Lawmakers in Tallinn voted for the measure after a debate about mercenaries and security.";

    @Test
    void articlesGetEntitiesClaimsAndStories() {
        send(article("a1", "first.example", "2026-03-06", "Paraguay court lifts Hezbollah ban", RULING));
        send(article("a2", "second.example", "2026-03-06", "Paraguay court lifts ban on Hezbollah", RULING_COPY));
        send(article("a3", "third.example", "2026-03-07", "Estonia lists Wagner Group", OTHER));

        Map<String, EnrichedArticle> out = enriched.readKeyValuesToList().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertThat(out).containsOnlyKeys("a1", "a2", "a3");

        EnrichedArticle a1 = out.get("a1");
        assertThat(a1.entities()).extracting(Entity::id, Entity::type, Entity::name)
                .contains(tuple("hezbollah", "ORG", "Hezbollah"), tuple("PY", "LOC", "Paraguay"));
        assertThat(a1.claims()).extracting(Claim::org, Claim::jurisdiction, Claim::status, Claim::since)
                .contains(tuple("hezbollah", "PY", "DELISTED", "2026-03-04"), tuple("hezbollah", "PY", "DESIGNATED", "2019"));
        assertThat(out.get("a3").claims()).extracting(Claim::org, Claim::jurisdiction, Claim::status)
                .containsExactly(tuple("wagner-group", "EE", "DESIGNATED"));

        assertThat(a1.storyId()).isNotBlank();
        assertThat(out.get("a2").storyId()).isEqualTo(a1.storyId());
        assertThat(out.get("a3").storyId()).isNotBlank().isNotEqualTo(a1.storyId());

        List<KeyValue<String, Story>> st = stories.readKeyValuesToList();
        Story last = st.stream().filter(kv -> kv.key.equals(a1.storyId())).reduce((x, y) -> y).orElseThrow().value;
        assertThat(last.articleIds()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        raw.pipeInput("broken", "{\"id\": \"broken\", \"text\": ".getBytes(StandardCharsets.UTF_8));
        send(article("empty", "first.example", "2026-03-06", "A headline", " "));
        send(article("good", "first.example", "2026-03-06", "Paraguay court lifts Hezbollah ban", RULING));

        List<KeyValue<String, DeadLetter>> dead = dlq.readKeyValuesToList();
        assertThat(dead).extracting(kv -> kv.key).containsExactly("broken", "empty");
        DeadLetter broken = dead.get(0).value;
        assertThat(broken.stage()).isEqualTo("enrich.deserialize");
        assertThat(broken.reason()).contains("RawArticle");
        assertThat(broken.sourceTopic()).isEqualTo(Topics.RAW);
        assertThat(broken.value()).startsWith("{\"id\": \"broken\"");
        DeadLetter empty = dead.get(1).value;
        assertThat(empty.stage()).startsWith("enrich.");
        assertThat(empty.reason()).contains("has no text");

        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("good");
    }

    private static JsonNode entity(JsonNode article, String id) {
        for (JsonNode e : article.get("entities")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no entity " + id + " in " + article.get("entities"));
    }

    private static final String TITLE = "Hezbollah ban upheld in Paraguay";
    private static final String TEXT = "A court in Asuncion upheld the ban on Hezbollah on Monday. The group had asked "
            + "the judges to lift it, and Paraguay's foreign ministry said Hezbollah would stay listed.";

    @Test
    void theEnrichedJsonCarriesTheContractsFieldsWithCountsAndFirstOffsets() throws Exception {
        JsonNode first = sendAndRead("p1", "one.example", "2026-04-06", TITLE, TEXT);
        JsonNode copy = sendAndRead("p2", "two.example", "2026-04-06", TITLE, TEXT);

        // the raw fields stay, and the three the contract adds are there under its names
        assertThat(first.get("id").asText()).isEqualTo("p1");
        assertThat(first.get("url").asText()).isEqualTo("https://one.example/p1");
        assertThat(first.get("outlet").asText()).isEqualTo("one.example");
        assertThat(first.get("title").asText()).isEqualTo(TITLE);
        assertThat(first.has("storyId")).isTrue();
        assertThat(first.has("duplicateOf")).isTrue();
        assertThat(first.get("duplicateOf").isNull()).isTrue();
        assertThat(copy.get("duplicateOf").asText()).isEqualTo("p1");
        assertThat(copy.get("storyId").asText()).isEqualTo(first.get("storyId").asText()).isNotBlank();

        // the text enrich reads: title, blank line, text
        String read = TITLE + "\n\n" + TEXT;
        JsonNode hezbollah = entity(first, "hezbollah");
        assertThat(hezbollah.get("type").asText()).isEqualTo("ORG");
        assertThat(hezbollah.get("name").asText()).isEqualTo("Hezbollah");
        // the headline, twice in the text and "The group"
        assertThat(hezbollah.get("mentions").asInt()).isEqualTo(4);
        assertThat(hezbollah.get("firstOffset").asInt()).isEqualTo(read.indexOf("Hezbollah")).isZero();
        assertThat(hezbollah.get("aliases").isArray()).isTrue();

        JsonNode paraguay = entity(first, "PY");
        assertThat(paraguay.get("type").asText()).isEqualTo("LOC");
        assertThat(paraguay.get("name").asText()).isEqualTo("Paraguay");
        // "Paraguay" in the headline, "Asuncion" and "Paraguay's" in the text
        assertThat(paraguay.get("mentions").asInt()).isEqualTo(3);
        assertThat(paraguay.get("firstOffset").asInt()).isEqualTo(read.indexOf("Paraguay"));
        // the capital is a metonym: it names the state, not one of its names
        assertThat(paraguay.get("aliases")).isEmpty();

        for (JsonNode e : first.get("entities")) {
            assertThat(List.of("ORG", "LOC", "PER")).contains(e.get("type").asText());
            assertThat(e.get("firstOffset").asInt()).isBetween(0, read.length() - 1);
            assertThat(e.get("mentions").asInt()).isPositive();
        }
    }

    @Test
    void theStoriesTableCarriesFirstAndLastSeenOutletsAndMainEntities() throws Exception {
        JsonNode a = sendAndRead("p1", "one.example", "2026-04-06", TITLE, TEXT);
        JsonNode b = sendAndRead("p2", "two.example", "2026-04-07", "Paraguay keeps Hezbollah on its terrorist list",
                "Paraguay will keep Hezbollah on its list of terrorist organisations after a court in Asuncion "
                        + "upheld the ban on Monday, the foreign ministry said on Tuesday.");
        assertThat(b.get("storyId").asText()).isEqualTo(a.get("storyId").asText());
        assertThat(b.get("duplicateOf").isNull()).isTrue();

        Story story = null;
        for (KeyValue<String, Story> kv : stories.readKeyValuesToList()) {
            if (kv.key.equals(a.get("storyId").asText())) {
                story = kv.value;
            }
        }
        assertThat(story).isNotNull();
        assertThat(story.id()).isEqualTo(a.get("storyId").asText());
        assertThat(story.headline()).isEqualTo(TITLE);
        assertThat(story.firstSeen()).isEqualTo("2026-04-06");
        assertThat(story.lastSeen()).isEqualTo("2026-04-07");
        assertThat(story.articleIds()).containsExactly("p1", "p2");
        assertThat(story.outlets()).containsExactly("one.example", "two.example");
        // the organisation and the state both articles name are the story's main entities (same count: any order)
        assertThat(story.entities()).containsExactlyInAnyOrder("ORG/hezbollah", "LOC/PY");
        assertThat(story.organizations()).containsExactly("hezbollah");
        assertThat(story.mergedInto()).isNull();
    }
}
