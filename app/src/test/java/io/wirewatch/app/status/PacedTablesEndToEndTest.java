package io.wirewatch.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.status.PublishPacing;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Big tables paced ({@link PublishPacing}) on a real broker: a table held back by its interval reaches
 * {@code org.status.v1} with no further input, and one held back when the service stops is published by
 * the next instance, restored from the changelog into an empty state directory.
 */
class PacedTablesEndToEndTest {

    private static final String ORG = "red-lantern";
    private static final String APP_ID = "wirewatch-aggregate-paced-it";

    @Test
    void aHeldBackTableIsPublishedWithoutFurtherInputAndOutlivesARestart(@TempDir Path dir) throws Exception {
        List<EnrichedArticle> articles = AggregateInstances.articles();
        EnrichedArticle pending = byId(articles, "art-03"); // the prosecutor's request: one row
        EnrichedArticle lifted = byId(articles, "art-01");  // the court's decision, and a UN row
        try (Cluster cluster = Cluster.open(null, 2, (short) 1)) {
            String bootstrap = cluster.bootstrap();

            // every table is big; the held-back table goes out by the punctuation alone
            KafkaStreams first = start(bootstrap, dir.resolve("first"), 10_000);
            try {
                publish(bootstrap, pending);
                awaitTable(bootstrap, t -> t.get("jurisdictions").size() == 1, "the first table at once");
                publish(bootstrap, lifted);
                awaitWaiting(first, true);
                JsonNode both = awaitTable(bootstrap, t -> t.get("jurisdictions").size() == 2, "the held-back table");
                assertThat(row(both, "XA").get("status").asText()).isEqualTo("DELISTED");
                assertThat(hasPendingHistory(both)).isTrue();
                awaitWaiting(first, false);
            } finally {
                stop(first);
            }

            // an interval longer than the test: the next change is still held back when the service stops
            KafkaStreams second = start(bootstrap, dir.resolve("second"), 600_000);
            try {
                publish(bootstrap, retracted(pending)); // a new instance knows no publish time: out at once
                awaitTable(bootstrap, t -> !hasPendingHistory(t), "the retraction");
                publish(bootstrap, pending);
                awaitWaiting(second, true);
            } finally {
                stop(second);
            }
            assertThat(hasPendingHistory(latest(bootstrap))).as("held back at the stop").isFalse();

            KafkaStreams third = start(bootstrap, dir.resolve("third"), 600_000); // restored from the changelog
            try {
                awaitTable(bootstrap, PacedTablesEndToEndTest::hasPendingHistory, "the table held back before the restart");
                awaitWaiting(third, false);
            } finally {
                stop(third);
            }
        }
    }

    /** Stops an instance and leaves the group, so that the next one need not wait out the session timeout. */
    private static void stop(KafkaStreams s) {
        s.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    private static KafkaStreams start(String bootstrap, Path stateDir, long intervalMs) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(PublishPacing.BYTES_CONFIG, "1");
        p.put(PublishPacing.MS_CONFIG, Long.toString(intervalMs));
        KafkaStreams s = AggregateService.create(bootstrap, p);
        s.start();
        return s;
    }

    /** The article re-enriched without its claims (a retraction: the table changes, nothing is added). */
    private static EnrichedArticle retracted(EnrichedArticle a) {
        return new EnrichedArticle(a.id(), a.url(), a.canonicalUrl(), a.outlet(), a.title(), a.author(), a.published(),
                a.fetched(), a.lang(), a.text(), a.entities(), a.storyId(), a.duplicateOf(), List.of());
    }

    private static boolean hasPendingHistory(JsonNode table) {
        for (JsonNode h : row(table, "XA").get("history")) {
            if ("DELISTING_PENDING".equals(h.get("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void publish(String bootstrap, EnrichedArticle a) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.ENRICHED, a.id(), Json.write(a))).get();
        }
    }

    /** Polls the committed {@code org.status.v1} until the organisation's latest table satisfies {@code done}. */
    private static JsonNode awaitTable(String bootstrap, Predicate<JsonNode> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = latest(bootstrap);
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": not on " + Topics.STATUS + " within 90 s; last: " + last);
    }

    private static JsonNode latest(String bootstrap) {
        return Results.latestByKey(bootstrap, Topics.STATUS, b -> Json.read(b, JsonNode.class)).get(ORG);
    }

    /** Polls the instance's {@value StatusFoldProcessor#DEFERRED_STORE} until the organisation waits there, or not. */
    private static void awaitWaiting(KafkaStreams s, boolean waiting) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, StatusFoldProcessor.DeferredTable> store = s.store(StoreQueryParameters
                        .fromNameAndType(StatusFoldProcessor.DEFERRED_STORE, QueryableStoreTypes.keyValueStore()));
                if ((store.get(ORG) != null) == waiting) {
                    return;
                }
            } catch (InvalidStateStoreException e) {
                // not running yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError(ORG + (waiting ? " never waited" : " still waits") + " after 90 s");
    }

    private static EnrichedArticle byId(List<EnrichedArticle> articles, String id) {
        return articles.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode row(JsonNode table, String code) {
        for (JsonNode r : table.get("jurisdictions")) {
            if (r.get("code").asText().equals(code)) {
                return r;
            }
        }
        throw new AssertionError("no " + code + " row in " + table);
    }
}
