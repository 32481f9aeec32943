package io.wirewatch.app.reliability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poison pills on every input topic of enrich and aggregate, each followed by a good record, on a real
 * broker under exactly-once: undecodable bytes, JSON of the wrong shape, and a record near the broker's
 * max.message.bytes (1 MiB) whose result would be too large to write. Each pill lands in news.dlq.v1
 * with its stage, reason and lineage (source topic, partition, offset); each good record after a pill
 * is processed; the services never stop.
 */
class PoisonPillTest {

    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0xc3, 0x28, 0x7b};
    private static final String WRONG_SHAPE = "{\"id\": {\"nested\": true}, \"text\": [1, 2, 3], \"articleIds\": \"x\"}";

    record Sent(String key, String topic, int partition, long offset) {}

    @Test
    void pillsOnEveryInputTopicAreDeadLetteredWithLineageAndTheStreamGoesOn() throws Exception {
        Path state = Files.createTempDirectory("wirewatch-pills-");
        try (Cluster cluster = Cluster.open(null, 1, (short) 1)) {
            String bs = cluster.bootstrap();
            KafkaIO.keepHistory(bs);
            List<RawArticle> good = ArticleGenerator.generate(8, 7);
            Map<String, Sent> pills = new LinkedHashMap<>();
            try (Pipeline pipeline = Pipeline.start(bs, state, "");
                 KafkaProducer<String, byte[]> producer = KafkaIO.producer(bs)) {
                // news.raw.v1: pill, good, pill, good, pill, good
                send(producer, Topics.RAW, good.get(0).id(), Json.writeBytes(good.get(0)));
                pills.put("raw-garbage", send(producer, Topics.RAW, "raw-garbage", GARBAGE));
                send(producer, Topics.RAW, good.get(1).id(), Json.writeBytes(good.get(1)));
                pills.put("raw-shape", send(producer, Topics.RAW, "raw-shape", WRONG_SHAPE.getBytes(StandardCharsets.UTF_8)));
                send(producer, Topics.RAW, good.get(2).id(), Json.writeBytes(good.get(2)));
                pills.put("raw-huge", send(producer, Topics.RAW, "raw-huge", Json.writeBytes(hugeArticle("raw-huge"))));
                send(producer, Topics.RAW, good.get(3).id(), Json.writeBytes(good.get(3)));
                pipeline.awaitProcessed(Duration.ofMinutes(3));

                Results first = Results.read(bs);
                assertThat(first.articles()).extracting(EnrichedArticle::id)
                        .containsExactlyInAnyOrder(good.get(0).id(), good.get(1).id(), good.get(2).id(), good.get(3).id());
                EnrichedArticle withClaims = first.articles().stream()
                        .filter(a -> a.claims() != null && !a.claims().isEmpty()).findFirst().orElseThrow();
                Story story = first.stories().get(0);

                // news.enriched.v1 and news.stories.v1: pills, each followed by a good record
                pills.put("enriched-garbage", send(producer, Topics.ENRICHED, "enriched-garbage", GARBAGE));
                EnrichedArticle copy = withId(withClaims, "copy-1");
                send(producer, Topics.ENRICHED, "copy-1", Json.writeBytes(copy));
                pills.put("enriched-shape", send(producer, Topics.ENRICHED, "enriched-shape", WRONG_SHAPE.getBytes(StandardCharsets.UTF_8)));
                send(producer, Topics.ENRICHED, "copy-2", Json.writeBytes(withId(withClaims, "copy-2")));
                pills.put("enriched-huge", send(producer, Topics.ENRICHED, "enriched-huge", hugeEnriched(withClaims)));
                send(producer, Topics.ENRICHED, "copy-3", Json.writeBytes(withId(withClaims, "copy-3")));
                pills.put("stories-garbage", send(producer, Topics.STORIES, "stories-garbage", GARBAGE));
                pills.put("stories-shape", send(producer, Topics.STORIES, "stories-shape", WRONG_SHAPE.getBytes(StandardCharsets.UTF_8)));
                Sent lastStory = send(producer, Topics.STORIES, story.id(), Json.writeBytes(story));
                // and one more raw article at the very end
                send(producer, Topics.RAW, good.get(4).id(), Json.writeBytes(good.get(4)));
                pipeline.awaitProcessed(Duration.ofMinutes(3));

                Results after = Results.read(bs);
                assertThat(after.articles()).extracting(EnrichedArticle::id).contains(good.get(4).id());
                String org = withClaims.claims().get(0).org();
                OrgStatus table = after.organizations().stream().filter(o -> o.id().equals(org)).findFirst().orElseThrow();
                assertThat(table.jurisdictions().stream().flatMap(r -> r.evidence().stream()).map(OrgStatus.Evidence::articleId))
                        .as("the good enriched articles after the pills reached the tables")
                        .contains("copy-1", "copy-2", "copy-3");
                assertThat(lastStory.offset()).isGreaterThan(0);
            }

            // a dead letter is found by its lineage: an oversized result carries the result's key (for
            // the enriched pill, the organisation it was re-keyed by), but always the input's position
            Map<String, ConsumerRecord<String, byte[]>> byLineage = new LinkedHashMap<>();
            List<ConsumerRecord<String, byte[]>> letters = KafkaIO.readAll(bs, Topics.DLQ);
            for (ConsumerRecord<String, byte[]> r : letters) {
                byLineage.putIfAbsent(KafkaIO.header(r, "wirewatch.source.topic") + "/"
                        + KafkaIO.header(r, "wirewatch.source.partition") + "/" + KafkaIO.header(r, "wirewatch.source.offset"), r);
            }
            for (Sent pill : pills.values()) {
                ConsumerRecord<String, byte[]> r = byLineage.get(pill.topic() + "/" + pill.partition() + "/" + pill.offset());
                assertThat(r).as("dead letter with the lineage of " + pill).isNotNull();
                if (!pill.key().endsWith("-huge")) {
                    assertThat(r.key()).isEqualTo(pill.key());
                }
                assertThat(KafkaIO.header(r, "wirewatch.reason")).as(pill.key() + " reason").isNotBlank();
                assertThat(KafkaIO.header(r, "wirewatch.stage")).as(pill.key() + " stage")
                        .startsWith(pill.topic().equals(Topics.RAW) ? "enrich" : "aggregate");
                DeadLetter letter = Json.read(r.value(), DeadLetter.class);
                assertThat(letter.reason()).isEqualTo(KafkaIO.header(r, "wirewatch.reason"));
                assertThat(letter.sourceTopic()).isEqualTo(pill.topic());
                assertThat(letter.offset()).isEqualTo(pill.offset());
                System.out.printf("[pills] %s@%d -> %s (key %s): %s%n", pill.key(), pill.offset(), letter.stage(), r.key(),
                        letter.reason().substring(0, Math.min(140, letter.reason().length())));
            }
            // nothing good was dead-lettered: every dead letter points at a pill
            assertThat(byLineage.keySet()).allMatch(l -> pills.values().stream()
                    .anyMatch(p -> l.equals(p.topic() + "/" + p.partition() + "/" + p.offset())));
            System.out.printf("[pills] RESULT pills=%d dead_letters=%d all_pills_dead_lettered_with_lineage=yes "
                    + "good_records_after_pills_processed=yes%n", pills.size(), letters.size());
        }
    }

    private static Sent send(KafkaProducer<String, byte[]> p, String topic, String key, byte[] value) throws Exception {
        RecordMetadata m = p.send(new ProducerRecord<>(topic, key, value)).get();
        return new Sent(key, topic, m.partition(), m.offset());
    }

    /** A raw article of about 1,000,200 bytes: it fits the broker's 1 MiB limit, its enriched form does not fit the services'. */
    static RawArticle hugeArticle(String id) {
        Random rnd = new Random(1);
        StringBuilder text = new StringBuilder("The government of Japan banned Hamas on March 3, 2021. ");
        while (text.length() < 1_000_200) {
            for (int w = 0; w < 12; w++) {
                for (int c = 0; c < 3 + rnd.nextInt(6); c++) {
                    text.append((char) ('a' + rnd.nextInt(26)));
                }
                text.append(' ');
            }
            text.setCharAt(text.length() - 1, '.');
            text.append(' ');
        }
        return new RawArticle(id, "https://huge.example/" + id, null, "huge", "A very long page", null,
                "2021-03-04", "2025-06-01T00:00:00Z", "en", text.toString());
    }

    /** An enriched article of about 900 KB whose claims, re-keyed with their article fields, exceed 1,000,000 bytes. */
    static byte[] hugeEnriched(EnrichedArticle template) {
        ObjectNode a = Json.MAPPER.valueToTree(withId(template, "enriched-huge"));
        ObjectNode claim = (ObjectNode) a.withArray("claims").get(0);
        ArrayNode claims = Json.MAPPER.createArrayNode();
        String sentence = "The government of Japan banned the group again. ".repeat(8);
        while (Json.writeBytes(claims).length < 880_000) {
            ObjectNode c = claim.deepCopy();
            c.put("org", "poison-org");
            c.put("orgName", "Poison Org");
            c.put("sentence", sentence);
            claims.add(c);
        }
        a.set("claims", claims);
        a.put("url", "https://huge.example/" + "u".repeat(200));
        return Json.writeBytes(a);
    }

    static EnrichedArticle withId(EnrichedArticle a, String id) {
        return new EnrichedArticle(id, a.url() + "?" + id, a.canonicalUrl(), a.outlet(), a.title(), a.author(),
                a.published(), a.fetched(), a.lang(), a.text(), a.entities(), a.storyId(), a.duplicateOf(), a.claims());
    }
}
