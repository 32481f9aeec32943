package io.wirewatch.app.status;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.api.LocalStoreStatusSource;
import io.wirewatch.aggregate.api.StatusHttpServer;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.time.DateExpr;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Aggregate service instances on a real broker, each with its HTTP API on its own port and
 * {@code application.server} set to it, as a deployment would run them; and invented enriched
 * articles about a handful of invented organisations to feed them.
 */
final class AggregateInstances implements AutoCloseable {

    static final String APP_ID = "wirewatch-aggregate-it";

    /** Organisation ids of {@link #articles()}. */
    static final List<String> ORGS = List.of("amber-column", "blue-hand", "coastal-cartel", "grey-harbour",
            "northern-front", "red-lantern");

    private final List<KafkaStreams> streams = new ArrayList<>();
    private final List<StatusHttpServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static AggregateInstances start(String bootstrap, Path stateDir, int count) throws IOException {
        AggregateInstances out = new AggregateInstances();
        for (int i = 0; i < count; i++) {
            int port = freePort();
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("instance-" + i).toString());
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
            KafkaStreams s = AggregateService.create(bootstrap, p);
            out.streams.add(s);
            out.servers.add(new StatusHttpServer(new LocalStoreStatusSource(s, "127.0.0.1:" + port), "127.0.0.1", port).start());
            s.start();
        }
        return out;
    }

    int port(int instance) {
        return servers.get(instance).port();
    }

    HttpResponse<String> get(int instance, String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(instance) + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls a GET until its answer satisfies {@code done}; returns that answer. */
    HttpResponse<String> await(int instance, String pathAndQuery, Predicate<HttpResponse<String>> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(instance, pathAndQuery);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no satisfying answer to " + pathAndQuery + " within " + timeout + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    @Override
    public void close() {
        servers.forEach(StatusHttpServer::close);
        streams.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Publishes {@link #articles()} and their story on the enriched and story topics. */
    static void publish(String bootstrap) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (EnrichedArticle a : articles()) {
                p.send(new ProducerRecord<>(Topics.ENRICHED, a.id(), Json.write(a))).get();
            }
            Story s = new Story("story-lantern", "Xland lifts its ban", "2025-04-21T08:00:00Z", "2025-04-22T08:00:00Z",
                    "2025-04-21", List.of("art-01", "art-02"), List.of("north-herald", "south-wire"),
                    List.of("red-lantern"), List.of("red-lantern"));
            p.send(new ProducerRecord<>(Topics.STORIES, s.id(), Json.write(s))).get();
        }
    }

    private static Claim claim(String org, String name, String jurisdiction, String status, String list,
                               DateExpr date, boolean background, String sentence) {
        return new Claim(org, name, jurisdiction, "Land " + jurisdiction, status, list, date, null, background, sentence, 0.8);
    }

    private static EnrichedArticle article(String id, String outlet, String published, String storyId, String org,
                                           String name, Claim... claims) {
        return new EnrichedArticle(id, "https://" + outlet + ".example/news/" + id, null, outlet, "Headline " + id, null,
                published, "2025-05-01T00:00:00Z", "en", "Invented body of " + id + ".",
                List.of(new Entity(org, Entity.ORG, name, 2, 0, List.of())), storyId, null, List.of(claims));
    }

    /** Invented articles: the Red Lantern Front's ban lifted on April 17 after years, five other organisations. */
    static List<EnrichedArticle> articles() {
        List<EnrichedArticle> out = new ArrayList<>();
        out.add(article("art-01", "north-herald", "2025-04-21", "story-lantern", "red-lantern", "Red Lantern Front",
                claim("red-lantern", "Red Lantern Front", "XA", "DESIGNATED", null, DateExpr.absolute(2003, null, null), true,
                        "Xland had banned the front since 2003."),
                claim("red-lantern", "Red Lantern Front", "XA", "DELISTED", null, DateExpr.monthDay(4, 17, false), false,
                        "On April 17 a court in Xland lifted the ban on the front."),
                claim("red-lantern", "Red Lantern Front", "UN", "SANCTIONED", "sanctions", DateExpr.UNKNOWN, false,
                        "The front remains under UN sanctions.")));
        out.add(article("art-02", "south-wire", null, "story-lantern", "red-lantern", "Red Lantern Front",
                claim("red-lantern", "Red Lantern Front", "XA", "DELISTED", null, DateExpr.monthDay(4, 17, false), false,
                        "Xland's court ended the ban on the front on April 17.")));
        out.add(article("art-03", "east-post", "2025-04-08", null, "red-lantern", "Red Lantern Front",
                claim("red-lantern", "Red Lantern Front", "XA", "DELISTING_PENDING", null, DateExpr.ANCHOR, false,
                        "Xland's prosecutor asked the court to lift the ban.")));
        out.add(article("art-04", "west-news", "2024-02-11", null, "blue-hand", "Blue Hand",
                claim("blue-hand", "Blue Hand", "XB", "DESIGNATED", "proscription", DateExpr.ANCHOR, false,
                        "Yland proscribed the Blue Hand on Sunday.")));
        out.add(article("art-05", "west-news", "2023-07-01", null, "coastal-cartel", "Coastal Cartel",
                claim("coastal-cartel", "Coastal Cartel", "XU", "DESIGNATED", "FTO", DateExpr.ANCHOR, false,
                        "Xunited designated the Coastal Cartel a foreign terrorist organization.")));
        out.add(article("art-06", "north-herald", "2022-03-03", null, "grey-harbour", "Grey Harbour Brotherhood",
                claim("grey-harbour", "Grey Harbour Brotherhood", "XC", "DESIGNATED", null, DateExpr.ANCHOR, false,
                        "Zland banned the Grey Harbour Brotherhood.")));
        out.add(article("art-07", "south-wire", "2024-09-09", null, "northern-front", "Northern Front",
                claim("northern-front", "Northern Front", "XD", "LISTING_PENDING", null, DateExpr.ANCHOR, false,
                        "Wland proposed to list the Northern Front.")));
        out.add(article("art-08", "east-post", "2021-01-05", null, "amber-column", "Amber Column",
                claim("amber-column", "Amber Column", "EU", "SANCTIONED", "sanctions", DateExpr.ANCHOR, false,
                        "The Council of the EU added the Amber Column to its sanctions list.")));
        return out;
    }
}
