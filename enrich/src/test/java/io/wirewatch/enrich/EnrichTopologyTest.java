package io.wirewatch.enrich;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
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
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(RawArticle a) {
        raw.pipeInput(a.id(), Json.writeBytes(a));
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
}
