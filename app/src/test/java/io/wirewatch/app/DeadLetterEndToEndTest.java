package io.wirewatch.app;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.cli.BatchRun;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.fetch.FetchConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            List<ConsumerRecord<String, byte[]>> dlq = Results.readCommitted(cluster.bootstrap(), Topics.DLQ);
            assertThat(dlq).hasSize(1);
            assertThat(dlq.get(0).key()).isEqualTo("broken-1");
            DeadLetter letter = Json.read(dlq.get(0).value(), DeadLetter.class);
            assertThat(letter.stage()).startsWith("enrich");
            assertThat(letter.sourceTopic()).isEqualTo(Topics.RAW);
            assertThat(letter.reason()).isNotBlank();
            assertThat(letter.value()).contains("broken-1");
        }
    }
}
