package io.wirewatch.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
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

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the enrich topology writes, read as a consumer reads it: the JSON of {@code news.enriched.v1}
 * (the contract's {@code entities}, {@code storyId}, {@code duplicateOf}) and the stories of
 * {@code news.stories.v1}, on the TopologyTestDriver.
 */
class EnrichedOutputTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, byte[]> enriched;
    private TestOutputTopic<String, Story> stories;
    private final Map<String, JsonNode> out = new HashMap<>();

    @BeforeEach
    void start() {
        Properties p = EnrichService.config("unused:9092", "enriched-output-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EnrichService.topology(), p);
        raw = driver.createInputTopic(Topics.RAW, new StringSerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(Topics.ENRICHED, new StringDeserializer(), new ByteArrayDeserializer());
        stories = driver.createOutputTopic(Topics.STORIES, new StringDeserializer(), JsonSerde.STORY.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private JsonNode send(String id, String outlet, String published, String title, String text) throws Exception {
        RawArticle a = new RawArticle(id, "https://" + outlet + "/" + id, null, outlet, title, null, published,
                published + "T12:00:00Z", "en", text);
        raw.pipeInput(id, Json.writeBytes(a));
        for (KeyValue<String, byte[]> kv : enriched.readKeyValuesToList()) {
            out.put(kv.key, Json.MAPPER.readTree(kv.value));
        }
        return out.get(id);
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
        JsonNode first = send("p1", "one.example", "2026-04-06", TITLE, TEXT);
        JsonNode copy = send("p2", "two.example", "2026-04-06", TITLE, TEXT);

        // the raw fields stay, and the three the contract adds are there under its names
        assertThat(first.get("id").asText()).isEqualTo("p1");
        assertThat(first.get("url").asText()).isEqualTo("https://one.example/p1");
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
        JsonNode a = send("p1", "one.example", "2026-04-06", TITLE, TEXT);
        JsonNode b = send("p2", "two.example", "2026-04-07", "Paraguay keeps Hezbollah on its terrorist list",
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
