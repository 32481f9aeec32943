package io.wirewatch.app.bench;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.AggregateTopology;
import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latency from publish on {@code news.raw.v1} to the status table (issue 7): enrich and aggregate run
 * as {@code run} starts them; articles of the benchmark corpus are produced at a steady rate, and a
 * read_committed consumer of {@code org.status.v1} notes when each article first appears as evidence
 * in a table. Articles without a claim never reach a table and are not counted; a warm-up period
 * (JIT, first commits) is left out of the figures. The same reader notes when each article shows on
 * the topics in between, so the log breaks the latency down by hop ({@link HopBreakdown}), beside the
 * stream threads' commit figures.
 */
public final class LatencyProbe {

    /** {@code streamsOverrides}: Streams properties set on both applications on top of a batch run's (to try variants). */
    public record Options(int rate, int seconds, int warmupSeconds, long seed, Duration timeout, Properties streamsOverrides) {}

    /** The application-id suffix of the pipeline under test, and the internal topics it names. */
    static final String SUFFIX = "-latency";
    static final String STORY_INPUT_TOPIC = EnrichService.APPLICATION_ID + SUFFIX + "-story-assignment-repartition";
    static final String BY_ORG_TOPIC = AggregateService.APPLICATION_ID + SUFFIX + "-by-organization-repartition";

    public record Result(int rate, long sent, long observed, double p50, double p95, double p99, double max) {
        public String line() {
            return String.format(Locale.ROOT,
                    "latency rate=%d sent=%d observed=%d p50_ms=%.0f p95_ms=%.0f p99_ms=%.0f max_ms=%.0f",
                    rate, sent, observed, p50, p95, p99, max);
        }
    }

    private final String bootstrap;
    private final Options options;
    private final PrintStream log;

    public LatencyProbe(String bootstrap, Options options, PrintStream log) {
        this.bootstrap = bootstrap;
        this.options = options;
        this.log = log;
    }

    public Result run() throws Exception {
        Path stateDir = Files.createTempDirectory("wirewatch-latency-");
        HopBreakdown hops = new HopBreakdown();
        try (Pipeline pipeline = Pipeline.start(bootstrap, stateDir, SUFFIX, options.streamsOverrides())) {
            pipeline.awaitProcessed(options.timeout()); // running, and done with whatever the topic held
            Watcher watcher = new Watcher(hops);
            watcher.start();
            watcher.awaitAssigned();
            long sent = produce(hops);
            // the stream threads' own figures over the measured period (Kafka's metrics cover the last 30-60 s)
            threadFigures(pipeline).forEach(log::println);
            // let every article through, however far behind the pipeline fell: a fixed drain would only
            // count the articles that made it in time and report a falsely low p99 when it cannot keep up
            // (articles without a claim never reach a table)
            pipeline.awaitProcessed(options.timeout());
            Thread.sleep(TimeUnit.SECONDS.toMillis(1));
            watcher.stop();
            List<Long> sorted = hops.totals();
            hops.lines().forEach(log::println);
            log.printf("latency: %d articles sent at %d/s after a %d s warm-up; %d reached a status table%n",
                    sent, options.rate(), options.warmupSeconds(), sorted.size());
            return new Result(options.rate(), sent, sorted.size(), HopBreakdown.pct(sorted, 0.50), HopBreakdown.pct(sorted, 0.95),
                    HopBreakdown.pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        } finally {
            Benchmark.deleteQuietly(stateDir);
        }
    }

    /** Paced production: article i leaves at start + i / rate; ids sent during the warm-up are not tracked. */
    private long produce(HopBreakdown hops) throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long total = (long) options.rate() * (options.warmupSeconds() + options.seconds());
        long warmup = (long) options.rate() * options.warmupSeconds();
        CorpusGenerator corpus = new CorpusGenerator(options.seed(), total);
        long start = System.nanoTime();
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer())) {
            while (corpus.hasNext()) {
                long due = start + n * 1_000_000_000L / options.rate();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                RawArticle a = corpus.next();
                byte[] value = Json.writeBytes(a);
                String id = a.id();
                if (n >= warmup) {
                    hops.sent(id, System.nanoTime());
                }
                producer.send(new ProducerRecord<>(Topics.RAW, id, value), (md, e) -> {
                    if (e == null) {
                        hops.seen(id, HopBreakdown.Point.RAW, System.nanoTime());
                    }
                });
                n++;
            }
            producer.flush();
        }
        return n - warmup;
    }

    /** Each application's stream-thread metrics: how often it commits, how long a commit takes, where its time goes. */
    static List<String> threadFigures(Pipeline pipeline) {
        List<String> lines = new ArrayList<>();
        pipeline.metrics().forEach((app, metrics) -> {
            Map<String, Double> m = new HashMap<>();
            metrics.forEach((name, metric) -> {
                if (name.group().equals("stream-thread-metrics") && metric.metricValue() instanceof Double d) {
                    m.merge(name.name(), d, Double::sum); // one stream thread per service
                }
            });
            lines.add(String.format(Locale.ROOT,
                    "latency: %s stream thread: commits_per_s=%.1f commit_ms avg=%.1f max=%.0f; time in poll=%.0f%% "
                            + "process=%.0f%% commit=%.0f%% punctuate=%.0f%%; records_per_s=%.1f",
                    app, m.getOrDefault("commit-rate", 0.0), m.getOrDefault("commit-latency-avg", 0.0),
                    m.getOrDefault("commit-latency-max", 0.0), 100 * m.getOrDefault("poll-ratio", 0.0),
                    100 * m.getOrDefault("process-ratio", 0.0), 100 * m.getOrDefault("commit-ratio", 0.0),
                    100 * m.getOrDefault("punctuate-ratio", 0.0), m.getOrDefault("process-rate", 0.0)));
        });
        return lines;
    }

    /**
     * One read_committed consumer of every topic an article passes, noting when each tracked article
     * first shows there: by key on the story-assignment repartition topic and news.enriched.v1, by the
     * article id of its claims on the by-organization repartition topic, as evidence in a status table.
     */
    private final class Watcher {
        private final HopBreakdown hops;
        private final Thread thread;
        private final CountDownLatch assigned = new CountDownLatch(1);
        private volatile boolean running = true;

        Watcher(HopBreakdown hops) {
            this.hops = hops;
            this.thread = new Thread(this::loop, "latency-watcher");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void awaitAssigned() throws InterruptedException {
            if (!assigned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not read the pipeline's topics within 30 s");
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        private void loop() {
            Map<String, HopBreakdown.Point> points = Map.of(
                    STORY_INPUT_TOPIC, HopBreakdown.Point.STORY_INPUT,
                    Topics.ENRICHED, HopBreakdown.Point.ENRICHED,
                    BY_ORG_TOPIC, HopBreakdown.Point.BY_ORG,
                    Topics.STATUS, HopBreakdown.Point.STATUS);
            Map<String, Object> c = new HashMap<>();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
                // no group: assigned partitions, read from their current end, start at once
                List<TopicPartition> parts = new ArrayList<>();
                for (String topic : points.keySet()) {
                    consumer.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
                }
                consumer.assign(parts);
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position);
                assigned.countDown();
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(20));
                    long now = System.nanoTime();
                    if (!hops.tracking()) {
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : records) {
                        HopBreakdown.Point point = points.get(r.topic());
                        if (r.value() == null) {
                            continue;
                        }
                        switch (point) {
                            case STORY_INPUT, ENRICHED -> hops.seen(r.key(), point, now);
                            case BY_ORG -> hops.seen(AggregateTopology.ORG_EVENT.deserializer()
                                    .deserialize(r.topic(), r.value()).articleId(), point, now);
                            default -> evidence(r.value()).forEach(id -> hops.seen(id, point, now));
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.println("latency: watcher stopped: " + e);
            }
        }

        private static List<String> evidence(byte[] table) {
            OrgStatus s = Json.read(table, OrgStatus.class);
            List<String> ids = new ArrayList<>();
            if (s.jurisdictions() != null) {
                for (OrgStatus.JurisdictionRow row : s.jurisdictions()) {
                    if (row.evidence() != null) {
                        row.evidence().forEach(e -> ids.add(e.articleId()));
                    }
                }
            }
            return ids;
        }
    }
}
