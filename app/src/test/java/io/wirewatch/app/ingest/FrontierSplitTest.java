package io.wirewatch.app.ingest;

import com.sun.net.httpserver.HttpServer;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.FrontierEntry;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.IngestService;
import io.wirewatch.ingest.fetch.FetchConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out of ingest on the real embedded broker: two instances in one consumer group split the
 * frontier's hosts, every host is fetched by one instance only (politeness holds), and every
 * article is published once, also by an instance started again later.
 */
class FrontierSplitTest {

    private static final int PARTITIONS = 3;
    private static final int PAGES_PER_HOST = 3;
    private static final String GROUP = "wirewatch-ingest-split-test";

    /** One "host" per server: 127.0.0.1 on its own port; remembers which instance (User-Agent) fetched it. */
    private record Host(HttpServer server, Set<String> agents, java.util.concurrent.atomic.AtomicInteger pageHits) {
        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }
    }

    private static Host host(int n) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Set<String> agents = new CopyOnWriteArraySet<>();
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        s.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/robots.txt")) {
                agents.add(ex.getRequestHeaders().getFirst("User-Agent"));
                hits.incrementAndGet();
            }
            byte[] body = path.equals("/robots.txt") ? new byte[0] : ("<html><body><article><h1>Report " + path
                    + "</h1><p>The ministry of host " + n + " said on Monday that the group at " + path
                    + " had been added to its list, officials confirmed.</p></article></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", path.equals("/robots.txt") ? "text/plain" : "text/html");
            ex.sendResponseHeaders(path.equals("/robots.txt") ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        return new Host(s, agents, hits);
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    @Test
    void twoInstancesSplitTheHostsAndEachHostStaysWithOne() throws Exception {
        // enough hosts that every partition of the frontier holds at least one
        List<Host> hosts = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        while (covered.size() < PARTITIONS || hosts.size() < 4) {
            Host h = host(hosts.size());
            hosts.add(h);
            covered.add(partitionOf(IngestService.hostOf(h.url("/"))));
        }
        try (Cluster cluster = Cluster.open(null, PARTITIONS, (short) 1)) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> instances = new ArrayList<>();
            Map<String, Throwable> crashed = new ConcurrentHashMap<>();
            for (String name : List.of("a", "b")) {
                FetchConfig fetch = FetchConfig.defaults().withAllowPrivateAddresses(true).withMinDelayPerHostMs(0)
                        .withUserAgent("wirewatch-" + name + "/0.1 (+https://example.org/contact)");
                Thread t = new Thread(() -> {
                    try (IngestService s = new IngestService(new IngestConfig(cluster.bootstrap(), List.of(), fetch, GROUP))) {
                        s.runForever(Duration.ofHours(1), stop);
                    } catch (Throwable e) {
                        crashed.put(name, e);
                    }
                }, "ingest-" + name);
                t.start();
                instances.add(t);
            }
            try {
                awaitTwoMembersWithPartitions(cluster.bootstrap());
                int expected = sendFrontier(cluster.bootstrap(), hosts);
                List<RawArticle> raw = awaitRaw(cluster.bootstrap(), expected);
                assertThat(raw).extracting(RawArticle::id).doesNotHaveDuplicates().hasSize(expected);
            } finally {
                stop.set(true);
                for (Thread t : instances) {
                    t.join(30_000);
                }
                hosts.forEach(h -> h.server().stop(0));
            }
            assertThat(crashed).isEmpty();
            Set<String> all = new HashSet<>();
            for (Host h : hosts) {
                assertThat(h.agents()).as("instances that fetched from %s", h.url("/")).hasSize(1);
                all.addAll(h.agents());
            }
            assertThat(all).as("both instances did work").hasSize(2);
        }
    }

    /** Every host's pages, plus one URL again with a tracking parameter; returns the distinct pages. */
    private static int sendFrontier(String bootstrap, List<Host> hosts) throws Exception {
        int pages = 0;
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (Host h : hosts) {
                for (int i = 0; i < PAGES_PER_HOST; i++) {
                    String url = h.url("/news/" + i);
                    p.send(new ProducerRecord<>(Topics.FRONTIER, IngestService.hostOf(url),
                            Json.write(new FrontierEntry(url, "test", null, null))));
                    pages++;
                }
            }
            // the same URL found again by a second source: still published once
            String again = hosts.get(0).url("/news/0");
            p.send(new ProducerRecord<>(Topics.FRONTIER, IngestService.hostOf(again),
                    Json.write(new FrontierEntry(again + "?utm_source=other", "test", null, null)))).get();
        }
        return pages;
    }

    @Test
    void aRestartedInstanceDoesNotFetchOrPublishAgain() throws Exception {
        List<Host> hosts = List.of(host(0), host(1));
        FetchConfig fetch = FetchConfig.defaults().withAllowPrivateAddresses(true).withMinDelayPerHostMs(0);
        try (Cluster cluster = Cluster.open(null, PARTITIONS, (short) 1)) {
            int pages;
            try (IngestService first = new IngestService(new IngestConfig(cluster.bootstrap(), List.of(), fetch, GROUP))) {
                pages = sendFrontier(cluster.bootstrap(), hosts);
                assertThat(first.runOnce().published()).isEqualTo(pages);
            }
            int hitsBefore = hosts.stream().mapToInt(h -> h.pageHits().get()).sum();
            // the same URLs discovered again, read by a new process that knows only what news.seen.v1 holds
            sendFrontier(cluster.bootstrap(), hosts);
            try (IngestService restarted = new IngestService(new IngestConfig(cluster.bootstrap(), List.of(), fetch, GROUP))) {
                IngestService.Summary s = restarted.runOnce();
                assertThat(s.published()).isZero();
                assertThat(s.skipped()).isEqualTo(pages + 1);
            }
            assertThat(hosts.stream().mapToInt(h -> h.pageHits().get()).sum()).isEqualTo(hitsBefore);
            assertThat(Results.readCommitted(cluster.bootstrap(), Topics.RAW)).hasSize(pages);
        } finally {
            hosts.forEach(h -> h.server().stop(0));
        }
    }

    private static void awaitTwoMembersWithPartitions(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                ConsumerGroupDescription g;
                try {
                    g = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                } catch (java.util.concurrent.ExecutionException e) {
                    g = null; // not created yet
                }
                if (g != null && g.members().size() == 2
                        && g.members().stream().map(MemberDescription::assignment).allMatch(a -> !a.topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the two ingest instances did not both join " + GROUP);
        }
    }

    private static List<RawArticle> awaitRaw(String bootstrap, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<RawArticle> out = List.of();
        while (System.currentTimeMillis() < deadline) {
            out = Results.readCommitted(bootstrap, Topics.RAW).stream()
                    .map(r -> Json.read(r.value(), RawArticle.class)).toList();
            if (out.size() >= n) {
                Thread.sleep(1500); // a late duplicate would show up now
                return Results.readCommitted(bootstrap, Topics.RAW).stream()
                        .map(r -> Json.read(r.value(), RawArticle.class)).toList();
            }
            Thread.sleep(300);
        }
        return out;
    }
}
