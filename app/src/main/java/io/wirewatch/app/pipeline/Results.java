package io.wirewatch.app.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a batch run produced, read back from the output topics (committed records only) and
 * reduced to the latest value per key, as a compacted topic would be: the contract's run files.
 * {@code stories} are the live stories of the final table (redirects of absorbed stories left out,
 * see {@code redirects}), and each article's {@code storyId} is the live story that lists it, so the
 * two files agree; {@code news.enriched.v1} keeps the id each article got when it was processed.
 */
public record Results(List<EnrichedArticle> articles, List<Story> stories, List<OrgStatus> organizations,
                      Map<String, String> redirects) {

    public static Results read(String bootstrap) {
        StoryTable table = new StoryTable(
                latestByKey(bootstrap, Topics.STORIES, b -> Json.read(b, Story.class)).values());
        List<EnrichedArticle> articles = new ArrayList<>();
        for (EnrichedArticle a : latestByKey(bootstrap, Topics.ENRICHED, b -> Json.read(b, EnrichedArticle.class)).values()) {
            articles.add(a.withStory(table.finalStory(a.id(), a.storyId()), a.duplicateOf()));
        }
        List<Story> stories = new ArrayList<>(table.live());
        List<OrgStatus> orgs = new ArrayList<>(
                latestByKey(bootstrap, Topics.STATUS, b -> Json.read(b, OrgStatus.class)).values());
        // deterministic files whatever the arrival order: articles and stories by id, organizations by id
        articles.sort(Comparator.comparing(EnrichedArticle::id));
        stories.sort(Comparator.comparing(Story::id));
        orgs.sort(Comparator.comparing(OrgStatus::id));
        return new Results(articles, stories, orgs, table.redirects());
    }

    /** Writes articles.jsonl, stories.jsonl and status.json into {@code dir}. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeLines(dir.resolve("articles.jsonl"), articles);
        writeLines(dir.resolve("stories.jsonl"), stories);
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.set("organizations", Json.MAPPER.valueToTree(organizations));
        Files.writeString(dir.resolve("status.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(status) + "\n", StandardCharsets.UTF_8);
    }

    /** The last stable offset of each partition of a topic now: where a later read starts. */
    public static Map<Integer, Long> endOffsets(String bootstrap, String topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(parts).forEach((tp, off) -> out.put(tp.partition(), off));
            return out;
        }
    }

    private static void writeLines(Path file, List<?> values) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object v : values) {
                w.write(Json.write(v));
                w.write('\n');
            }
        }
    }

    /** Reads a topic from the beginning to its current end; a tombstone removes its key. */
    public static <T> Map<String, T> latestByKey(String bootstrap, String topic, Function<byte[], T> parse) {
        Map<String, T> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : readCommitted(bootstrap, topic)) {
            if (r.value() == null) {
                latest.remove(r.key());
                continue;
            }
            try {
                latest.put(r.key(), parse.apply(r.value()));
            } catch (RuntimeException e) {
                // a record the services would have dead-lettered; the run files show only valid ones
            }
        }
        return latest;
    }

    /** Every committed record of a topic, from the beginning to its last stable offset when called. */
    public static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic, Map.of());
    }

    /**
     * The committed records of a topic from the given offset of each partition (the beginning for a
     * partition not in {@code from}) to its last stable offset when called.
     */
    public static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic,
                                                                     Map<Integer, Long> from) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        forEachCommitted(bootstrap, topic, from, Duration.ofSeconds(60), out::add);
        return out;
    }

    /**
     * Hands each committed record of a topic, from the given offsets (the beginning elsewhere) to its
     * last stable offset when called, to {@code each} without keeping it; fails past {@code timeout}.
     */
    public static void forEachCommitted(String bootstrap, String topic, Map<Integer, Long> from, Duration timeout,
                                        java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            parts.stream().filter(tp -> from.containsKey(tp.partition()))
                    .forEach(tp -> consumer.seek(tp, from.get(tp.partition())));
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
