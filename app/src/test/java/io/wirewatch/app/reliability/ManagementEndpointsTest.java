package io.wirewatch.app.reliability;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.ops.Health;
import io.wirewatch.common.ops.ManagementServer;
import io.wirewatch.common.ops.Meters;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.IngestService;
import io.wirewatch.ingest.fetch.FetchConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management endpoint against a real broker: /health and /ready follow the service's state, and
 * /metrics (Prometheus text) counts records in and out per topic, consumer lag, dead letters by stage
 * and reason, and extraction failures. The registry is per JVM and other tests add to it, so counts
 * are compared before and after.
 */
class ManagementEndpointsTest {

    @Test
    void streamsServiceReportsStateRecordsLagAndDeadLetters(@TempDir Path state) throws Exception {
        try (Cluster cluster = Cluster.open(null, 1, (short) 1)) {
            String bs = cluster.bootstrap();
            Properties overrides = new Properties();
            overrides.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            KafkaStreams streams = EnrichService.create(bs, overrides);
            try (ManagementServer http = ManagementServer.start("127.0.0.1", 0, "--management-port", Health.of(streams));
                 Meters.Binding bound = Meters.bind(streams)) {
                int port = http.port();
                assertThat(Http.get(port, "/health").status()).as("live before start").isEqualTo(200);
                assertThat(Http.get(port, "/ready")).as("not ready before start").extracting(Http.Reply::status).isEqualTo(503);
                String before = Http.get(port, "/metrics").body();
                double deadBefore = sum(before, "wirewatch_dead_letters_total", "stage=\"enrich.deserialize\"");

                streams.start();
                Http.await(port, "/ready", 200, 60_000);
                assertThat(Http.get(port, "/ready").body()).contains("\"state\":\"RUNNING\"");
                List<RawArticle> articles = ArticleGenerator.generate(5, 3);
                KafkaIO.produce(bs, articles);
                try (KafkaProducer<String, byte[]> p = KafkaIO.producer(bs)) {
                    p.send(new ProducerRecord<>(Topics.RAW, "garbage", new byte[] {(byte) 0xff, 0x00, 0x13})).get();
                }
                // Kafka's client metrics are read when scraped: wait until the six records went in and five out
                long deadline = System.currentTimeMillis() + 60_000;
                String metrics = "";
                while (System.currentTimeMillis() < deadline) {
                    metrics = Http.get(port, "/metrics").body();
                    // topic-level client metrics are bound at Micrometer's next refresh after they first appear
                    if (sum(metrics, "kafka_consumer_fetch_manager_records_consumed_total", "topic=\"news.raw.v1\"") >= 6
                            && sum(metrics, "kafka_producer_topic_record_send_total", "topic=\"news.enriched.v1\"") >= 5
                            && sum(metrics, "wirewatch_dead_letters_total", "stage=\"enrich.deserialize\"") > deadBefore) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(sum(metrics, "kafka_consumer_fetch_manager_records_consumed_total", "topic=\"news.raw.v1\""))
                        .as("records in from news.raw.v1").isGreaterThanOrEqualTo(6);
                assertThat(sum(metrics, "kafka_producer_topic_record_send_total", "topic=\"news.enriched.v1\""))
                        .as("records out to news.enriched.v1").isGreaterThanOrEqualTo(5);
                assertThat(sum(metrics, "wirewatch_dead_letters_total", "stage=\"enrich.deserialize\"") - deadBefore)
                        .as("the garbage record, counted as a dead letter").isEqualTo(1);
                assertThat(metrics).as("consumer lag per partition")
                        .containsPattern("kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"news.raw.v1\"");
                assertThat(metrics).contains("# TYPE wirewatch_dead_letters_total counter");

                streams.close(Duration.ofSeconds(30));
                assertThat(Http.get(port, "/health")).as("not live once stopped").extracting(Http.Reply::status).isEqualTo(503);
                assertThat(Http.get(port, "/ready").body()).contains("NOT_RUNNING");
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void ingestReportsItsClientsPublishedRecordsAndExtractionFailures(@TempDir Path dir) throws Exception {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/good.html", ex -> page(ex, "<html><head><title>Ministry bans the Grey Harbour Brotherhood</title>"
                + "</head><body><article><h1>Ministry bans the Grey Harbour Brotherhood</h1><p>"
                + "The interior ministry of Norway said on Friday it had banned the Grey Harbour Brotherhood, a group "
                + "it accused of planning attacks on ferries. Officials said the order took effect at once and that "
                + "members would face charges.</p></article></body></html>"));
        site.createContext("/empty.html", ex -> page(ex, "<html><head><title>x</title></head><body><nav>"
                + "<a href=\"/\">Home</a></nav></body></html>"));
        site.start();
        try (Cluster cluster = Cluster.open(null, 1, (short) 1)) {
            String base = "http://127.0.0.1:" + site.getAddress().getPort();
            Path list = Files.writeString(dir.resolve("pages.urls"), base + "/good.html\n" + base + "/empty.html\n");
            FetchConfig fetch = FetchConfig.defaults().withAllowPrivateAddresses(true).withMinDelayPerHostMs(0)
                    .withReadTimeout(Duration.ofSeconds(5));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread[] loopRef = new Thread[1];
            try (IngestService ingest = new IngestService(new IngestConfig(cluster.bootstrap(), List.of(list.toString()), fetch));
                 ManagementServer http = ManagementServer.start("127.0.0.1", 0, "--management-port",
                         Health.ofClients(() -> running.get() && !stop.get()))) {
                int port = http.port();
                double failuresBefore = sum(Http.get(port, "/metrics").body(), "wirewatch_extraction_failures_total", "");
                Thread loop = new Thread(() -> {
                    try {
                        ingest.runForever(Duration.ofMinutes(5), stop);
                    } finally {
                        running.set(false);
                    }
                }, "ingest-loop");
                loopRef[0] = loop;
                loop.start();
                Http.await(port, "/ready", 200, 60_000);
                assertThat(Http.get(port, "/health").status()).isEqualTo(200);
                long deadline = System.currentTimeMillis() + 60_000;
                String metrics = "";
                while (System.currentTimeMillis() < deadline) {
                    metrics = Http.get(port, "/metrics").body();
                    if (sum(metrics, "wirewatch_extraction_failures_total", "") > failuresBefore
                            && sum(metrics, "kafka_producer_topic_record_send_total", "topic=\"news.raw.v1\"") >= 1
                            && sum(metrics, "kafka_consumer_fetch_manager_records_consumed_total", "topic=\"news.frontier.v1\"") >= 2) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(sum(metrics, "wirewatch_extraction_failures_total", "reason=\"empty-text") - failuresBefore)
                        .as("the page without text").isEqualTo(1);
                assertThat(sum(metrics, "kafka_producer_topic_record_send_total", "topic=\"news.raw.v1\""))
                        .as("the good page, out").isGreaterThanOrEqualTo(1);
                assertThat(sum(metrics, "kafka_consumer_fetch_manager_records_consumed_total", "topic=\"news.frontier.v1\""))
                        .as("both URLs, in from the frontier").isGreaterThanOrEqualTo(2);
                stop.set(true);
                loop.join(30_000);
                assertThat(Http.get(port, "/health").status()).as("not live once the loop stopped").isEqualTo(503);
                assertThat(Http.get(port, "/ready").status()).isEqualTo(503);
            } finally {
                stop.set(true);
                if (loopRef[0] != null) {
                    loopRef[0].join(30_000); // before the broker goes away under it
                }
            }
        } finally {
            site.stop(0);
        }
    }

    private static void page(com.sun.net.httpserver.HttpExchange ex, String html) throws java.io.IOException {
        byte[] b = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** The sum of a metric's samples whose labels contain {@code labelPart} ("" for all). */
    static double sum(String prometheusText, String metric, String labelPart) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? (\\S+)").matcher(prometheusText);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labels.contains(labelPart)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
