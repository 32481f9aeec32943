package io.wirewatch.app;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.cli.BatchRun;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.fetch.FetchConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Under exactly-once on a real broker, a broken record on a topic is dead-lettered and the rest flows on. */
class DeadLetterEndToEndTest {

    @Test
    void brokenJsonOnTheRawTopicGoesToTheDlqAndTheGoodArticleIsProcessed(@TempDir Path dir) throws Exception {
        Path article = Files.writeString(dir.resolve("ban.txt"), """
                date 2024-03-02
                Ministry outlaws the Grey Harbour Brotherhood

                The interior ministry of Norway said on Friday it had banned the Grey Harbour Brotherhood, \
                a group it accused of planning attacks on ferries. Officials said the order took effect at once.
                """);
        try (Cluster cluster = Cluster.open(null, 1, (short) 1)) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.RAW, "broken-1", "{\"id\": \"broken-1\", \"text\": ")).get();
            }
            Results r = BatchRun.execute(cluster, List.of(article.toString()),
                    FetchConfig.defaults(), null, Duration.ofMinutes(3), new PrintStream(OutputStream.nullOutputStream()));

            assertThat(r.articles()).extracting(a -> a.title()).containsExactly("Ministry outlaws the Grey Harbour Brotherhood");
            List<ConsumerRecord<String, String>> dlq = readAll(cluster.bootstrap(), Topics.DLQ);
            assertThat(dlq).hasSize(1);
            assertThat(dlq.get(0).key()).isEqualTo("broken-1");
            DeadLetter letter = Json.read(dlq.get(0).value(), DeadLetter.class);
            assertThat(letter.stage()).startsWith("enrich");
            assertThat(letter.sourceTopic()).isEqualTo(Topics.RAW);
            assertThat(letter.reason()).isNotBlank();
            assertThat(letter.value()).contains("broken-1");
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
