package io.wirewatch.app.bench;

import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency from publish on {@code news.raw.v1} to the status table (issue 7): enrich and aggregate run
 * as {@code run} starts them; articles of the benchmark corpus are produced at a steady rate, and a
 * read_committed consumer of {@code org.status.v1} notes when each article first appears as evidence
 * in a table. Articles without a claim never reach a table and are not counted; a warm-up period
 * (JIT, first commits) is left out of the figures.
 */
public final class LatencyProbe {

    public record Options(int rate, int seconds, int warmupSeconds, long seed, Duration timeout) {}

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
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        try (Pipeline pipeline = Pipeline.start(bootstrap, stateDir, "-latency")) {
            pipeline.awaitProcessed(options.timeout()); // running, and done with whatever the topic held
            StatusWatcher watcher = new StatusWatcher(sentAt, samples);
            watcher.start();
            watcher.awaitAssigned();
            long sent = produce(sentAt, samples);
            // let every article through, however far behind the pipeline fell: a fixed drain would only
            // count the articles that made it in time and report a falsely low p99 when it cannot keep up
            // (articles without a claim stay in sentAt for good)
            pipeline.awaitProcessed(options.timeout());
            Thread.sleep(TimeUnit.SECONDS.toMillis(1));
            watcher.stop();
            List<Long> sorted;
            synchronized (samples) {
                sorted = new ArrayList<>(samples);
            }
            Collections.sort(sorted);
            log.printf("latency: %d articles sent at %d/s after a %d s warm-up; %d reached a status table%n",
                    sent, options.rate(), options.warmupSeconds(), sorted.size());
            return new Result(options.rate(), sent, sorted.size(), pct(sorted, 0.50), pct(sorted, 0.95),
                    pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        } finally {
            Benchmark.deleteQuietly(stateDir);
        }
    }

    /** Paced production: article i leaves at start + i / rate; ids sent during the warm-up are not tracked. */
    private long produce(Map<String, Long> sentAt, List<Long> samples) throws Exception {
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
                if (n == warmup) {
                    synchronized (samples) {
                        samples.clear();
                    }
                }
                if (n >= warmup) {
                    sentAt.put(a.id(), System.nanoTime());
                }
                producer.send(new ProducerRecord<>(Topics.RAW, a.id(), value));
                n++;
            }
            producer.flush();
        }
        return n - warmup;
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    /** Reads committed status tables and records, for each tracked article, when it first shows as evidence. */
    private final class StatusWatcher {
        private final Map<String, Long> sentAt;
        private final List<Long> samples;
        private final Thread thread;
        private volatile boolean running = true;

        StatusWatcher(Map<String, Long> sentAt, List<Long> samples) {
            this.sentAt = sentAt;
            this.samples = samples;
            this.thread = new Thread(this::loop, "latency-status-watcher");
            thread.setDaemon(true);
        }

        private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);

        void start() {
            thread.start();
        }

        void awaitAssigned() throws InterruptedException {
            if (!assigned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not read " + Topics.STATUS + " within 30 s");
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        private void loop() {
            Map<String, Object> c = new HashMap<>();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
                // no group: assigned partitions, read from their current end, start at once
                List<TopicPartition> parts = consumer.partitionsFor(Topics.STATUS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(parts);
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position);
                assigned.countDown();
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        if (r.value() == null) {
                            continue;
                        }
                        OrgStatus s = Json.read(r.value(), OrgStatus.class);
                        if (s.jurisdictions() == null) {
                            continue;
                        }
                        for (OrgStatus.JurisdictionRow row : s.jurisdictions()) {
                            if (row.evidence() == null) {
                                continue;
                            }
                            for (OrgStatus.Evidence e : row.evidence()) {
                                Long t = e.articleId() == null ? null : sentAt.remove(e.articleId());
                                if (t != null) {
                                    samples.add(now - t);
                                }
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.println("latency: status watcher stopped: " + e);
            }
        }
    }
}
