package io.wirewatch.ingest;

import io.wirewatch.common.Topics;
import io.wirewatch.common.kafka.DeadLetters;
import io.wirewatch.common.kafka.DlqExceptionHandlers;
import io.wirewatch.common.ops.Meters;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.model.FrontierEntry;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.SeenState;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.extract.ArticleExtractor;
import io.wirewatch.ingest.extract.ExtractedPage;
import io.wirewatch.ingest.fetch.FetchResult;
import io.wirewatch.ingest.fetch.Fetcher;
import io.wirewatch.ingest.source.LocalSources;
import io.wirewatch.ingest.source.RemoteSources;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ingest service: local sources straight to {@code news.raw.v1}; remote sources discovered
 * into {@code news.frontier.v1}; the frontier consumed, each URL fetched politely, extracted and
 * published, with its fetch state on {@code news.seen.v1}. Every failure goes to {@code news.dlq.v1}
 * and ingest keeps going. Topics are created by the caller.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    public static final String STAGE_SOURCE = "ingest.source";
    public static final String STAGE_FETCH = "ingest.fetch";
    public static final String STAGE_EXTRACT = "ingest.extract";
    public static final String STAGE_PRODUCE = "ingest.produce";
    public static final String OUTCOME_OK = "ok";
    /** Seen state of a feed or sitemap: its validators for the next conditional GET, never a reason to skip. */
    public static final String OUTCOME_SOURCE = "source";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long NOT_BEFORE_MAX_WAIT_MS = 2000;

    /** What one run did. */
    public record Summary(int published, int skipped, int failed, Map<String, Integer> failuresByReason) {
    }

    private final IngestConfig cfg;
    private final Fetcher fetcher;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final LocalSources local;
    private final RemoteSources remote = new RemoteSources();
    /** Fetch state by canonical URL, loaded from the compacted seen topic and kept current. */
    private final Map<String, SeenState> seen = new ConcurrentHashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private Meters.Binding producerMetrics;

    public IngestService(IngestConfig cfg) {
        this.cfg = cfg;
        this.fetcher = new Fetcher(cfg.fetch());
        this.local = new LocalSources(extractor);
    }

    /** One pass: sources, discovery, then the frontier up to its end at the time discovery finished. */
    public Summary runOnce() {
        Counter c = new Counter();
        KafkaProducer<byte[], byte[]> p = producer();
        loadSeen();
        produceLocal(c);
        discoverAll(c);
        p.flush();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(); Meters.Binding ignored = Meters.bind(consumer)) {
            List<TopicPartition> parts = partitions(consumer, Topics.FRONTIER);
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (!reached(consumer, end)) {
                ConsumerRecords<byte[], byte[]> recs = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : recs) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.getOrDefault(tp, 0L)) {
                        handleFrontierRecord(r, c, false);
                    }
                }
                // records past the snapshot belong to the next run: rewind so they are not committed
                for (TopicPartition tp : recs.partitions()) {
                    if (consumer.position(tp) > end.getOrDefault(tp, 0L)) {
                        consumer.seek(tp, end.getOrDefault(tp, 0L));
                    }
                }
                commit(consumer, p);
            }
            commit(consumer, p);
        }
        Summary s = c.summary();
        LOG.info("ingest run: {} published, {} skipped, {} failed {}", s.published(), s.skipped(), s.failed(),
                s.failuresByReason());
        return s;
    }

    /**
     * The long-running service: discovery every {@code pollInterval}, and the frontier consumed in
     * between (as a group member, so several instances share the work), until {@code stop} is set.
     */
    public void runForever(Duration pollInterval, AtomicBoolean stop) {
        KafkaProducer<byte[], byte[]> p = producer();
        loadSeen();
        Counter c = new Counter();
        produceLocal(c);
        long nextDiscovery = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(); Meters.Binding ignored = Meters.bind(consumer)) {
            consumer.subscribe(List.of(Topics.FRONTIER));
            while (!stop.get()) {
                if (System.currentTimeMillis() >= nextDiscovery) {
                    discoverAll(c);
                    p.flush();
                    nextDiscovery = System.currentTimeMillis() + pollInterval.toMillis();
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (stop.get()) {
                        break;
                    }
                    handleFrontierRecord(r, c, true);
                }
                commit(consumer, p);
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("ingest stopped: {}", c.summary());
    }

    // ---- the pure part: one frontier entry to an outcome ----

    /** Fetch, check, extract and decide, using the service's seen state. No Kafka I/O. */
    public ArticleOutcome process(FrontierEntry entry) {
        return process(entry, fetcher, extractor, seen);
    }

    /** Fetch, check, extract and decide one entry. No Kafka I/O; {@code seen} is read, not written. */
    public static ArticleOutcome process(FrontierEntry entry, Fetcher fetcher, ArticleExtractor extractor,
                                         Map<String, SeenState> seen) {
        String now = Instant.now().toString();
        if (entry == null || entry.url() == null || entry.url().isBlank()) {
            return ArticleOutcome.failed(STAGE_FETCH, "bad-frontier-entry", "no url", null);
        }
        String url = entry.url().trim();
        String canonical = ArticleIds.canonicalize(url);
        SeenState before = seen.get(canonical);
        if (before != null && OUTCOME_OK.equals(before.outcome())) {
            return ArticleOutcome.skipped("already-fetched");
        }
        FetchResult r = fetcher.fetch(url, null, null);
        if (!r.ok()) {
            String code = r.reasonCode();
            return ArticleOutcome.failed(STAGE_FETCH, code, r.error(),
                    new SeenState(url, canonical, null, null, now, "failed:" + code));
        }
        if (r.notModified()) {
            return ArticleOutcome.skipped("not-modified");
        }
        if (!isHtml(r.contentType(), r.body())) {
            return ArticleOutcome.failed(STAGE_FETCH, "not-html", "content type " + r.contentType(),
                    new SeenState(url, canonical, r.etag(), r.lastModified(), now, "failed:not-html"));
        }
        if (!looksLikeText(r.body())) {
            return ArticleOutcome.failed(STAGE_FETCH, "undecodable", "binary content in " + r.finalUrl(),
                    new SeenState(url, canonical, r.etag(), r.lastModified(), now, "failed:undecodable"));
        }
        ExtractedPage page = extractor.extract(r.body(), r.contentType(), r.finalUrl());
        if (page.text() == null || page.text().isBlank()) {
            return ArticleOutcome.failed(STAGE_EXTRACT, "empty-text", "no article text in " + r.finalUrl(),
                    new SeenState(url, canonical, r.etag(), r.lastModified(), now, "failed:empty-text"));
        }
        // the page's canonical link names the article; the frontier URL may carry redirects or tracking
        String articleCanonical = page.canonicalUrl() != null ? page.canonicalUrl() : canonical;
        String id = ArticleIds.fromCanonicalUrl(articleCanonical);
        // the chain: feed or news-sitemap date, then what the page says (JSON-LD, meta, <time>, URL, dateline)
        String published = entry.published() != null ? entry.published() : page.published();
        RawArticle a = new RawArticle(id, url, articleCanonical, page.outlet(), page.title(), page.author(),
                published, now, page.lang(), page.text());
        return ArticleOutcome.published(a, new SeenState(url, canonical, r.etag(), r.lastModified(), now, OUTCOME_OK));
    }

    /**
     * A page labelled HTML that is binary (an image or archive behind a wrong header) would give
     * garbage text: NUL bytes or many control bytes in its head mean it is not text in any
     * ASCII-compatible encoding. UTF-16 pages carry a BOM and are let through.
     */
    static boolean looksLikeText(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return true;
        }
        int n = Math.min(body.length, 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = body[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        return control <= n / 100;
    }

    private boolean isFetched(String url) {
        SeenState s = seen.get(ArticleIds.canonicalize(url.trim()));
        return s != null && OUTCOME_OK.equals(s.outcome());
    }

    public static boolean isHtml(String contentType, byte[] body) {
        if (contentType != null && !contentType.isBlank()) {
            String ct = contentType.toLowerCase(Locale.ROOT);
            return ct.contains("text/html") || ct.contains("application/xhtml");
        }
        // no header: sniff like a browser would
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body");
    }

    // ---- Kafka I/O ----

    private void produceLocal(Counter c) {
        for (String src : cfg.sources()) {
            if (!LocalSources.isLocal(src)) {
                continue;
            }
            local.read(Path.of(src), a -> {
                // only articles whose id is their URL's: a .jsonl line's own id is the caller's to re-import
                String key = a.canonicalUrl() != null && a.id().equals(ArticleIds.fromCanonicalUrl(a.canonicalUrl()))
                        ? a.canonicalUrl() : null;
                if (key != null && isFetched(key)) {
                    c.skipped++; // a restart or a second instance re-reads the files, it does not re-publish
                    return;
                }
                if (!sendArticle(a, c)) {
                    return; // over the record limit: dead-lettered
                }
                if (key != null) {
                    SeenState s = new SeenState(a.url(), ArticleIds.canonicalize(key), null, null, a.fetched(), OUTCOME_OK);
                    seen.put(s.canonicalUrl(), s);
                    send(Topics.SEEN, a.id(), Json.writeBytes(s));
                }
                c.published++;
            }, f -> {
                LOG.warn("local source {} failed: {}", f.source(), f.reason());
                deadLetter(STAGE_SOURCE, "local-source", f.reason(), null, null, null, f.source(), null);
                c.fail("local-source");
            });
        }
    }

    private void discoverAll(Counter c) {
        for (String src : cfg.sources()) {
            if (LocalSources.isLocal(src)) {
                continue;
            }
            try {
                // conditional GET: the feed's validators from the last pass live on the seen topic too
                String canonical = ArticleIds.canonicalize(src.trim());
                SeenState before = seen.get(canonical);
                RemoteSources.Discovery found = remote.discover(src, fetcher,
                        before == null ? null : before.etag(), before == null ? null : before.lastModified());
                String now = Instant.now().toString();
                for (RemoteSources.Discovered d : found.urls()) {
                    if (isFetched(d.url())) {
                        continue; // no frontier traffic for what is already published
                    }
                    FrontierEntry e = new FrontierEntry(d.url(), d.foundOn(), now, d.published());
                    send(Topics.FRONTIER, hostOf(d.url()), Json.writeBytes(e));
                }
                if (found.etag() != null || found.lastModified() != null) {
                    SeenState s = new SeenState(src, canonical, found.etag(), found.lastModified(), now,
                            OUTCOME_SOURCE);
                    seen.put(canonical, s);
                    send(Topics.SEEN, ArticleIds.fromCanonicalUrl(canonical), Json.writeBytes(s));
                }
                LOG.info("source {}: {}", src, found.notModified() ? "not modified" : found.urls().size() + " URLs");
            } catch (RemoteSources.SourceException e) {
                LOG.warn("source {} failed: {}", src, e.getMessage());
                deadLetter(STAGE_SOURCE, e.reasonCode(), e.getMessage(), null, null, null, src, null);
                c.fail(e.reasonCode());
            } catch (RuntimeException e) {
                LOG.warn("source {} failed: {}", src, e.toString());
                deadLetter(STAGE_SOURCE, "source-error", DeadLetters.reason(e), null, null, null, src, null);
                c.fail("source-error");
            }
        }
    }

    private void handleFrontierRecord(ConsumerRecord<byte[], byte[]> r, Counter c, boolean honourNotBefore) {
        FrontierEntry e;
        try {
            e = Json.read(r.value(), FrontierEntry.class);
        } catch (RuntimeException ex) {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            deadLetter(STAGE_FETCH, "bad-frontier-record", DeadLetters.reason(ex), r.topic(), r.partition(),
                    r.offset(), key, r.value());
            c.fail("bad-frontier-record");
            return;
        }
        if (honourNotBefore && e != null && e.notBefore() != null) {
            long wait = io.wirewatch.common.time.IsoDates.toEpochMillis(e.notBefore()) - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    // a short wait is cheaper than a round trip; a long one goes back to the end of the
                    // frontier so it does not hold up the partition (paced, so that it cannot spin)
                    Thread.sleep(Math.min(wait, NOT_BEFORE_MAX_WAIT_MS));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (wait > NOT_BEFORE_MAX_WAIT_MS) {
                    send(Topics.FRONTIER, hostOf(e.url()), r.value());
                    return;
                }
            }
        }
        ArticleOutcome o;
        try {
            o = process(e);
        } catch (RuntimeException ex) {
            o = ArticleOutcome.failed(STAGE_EXTRACT, "error", DeadLetters.reason(ex), null);
        }
        switch (o.kind()) {
            case PUBLISHED -> {
                RawArticle a = o.article();
                if (!sendArticle(a, c)) {
                    return;
                }
                send(Topics.SEEN, a.id(), Json.writeBytes(o.seen()));
                seen.put(o.seen().canonicalUrl(), o.seen());
                c.published++;
            }
            case SKIPPED -> c.skipped++;
            case FAILED -> {
                LOG.warn("{} failed at {}: {}", e == null ? null : e.url(), o.stage(), o.detail());
                deadLetter(o.stage(), o.reason(), o.detail(), r.topic(), r.partition(), r.offset(),
                        e == null ? null : e.url(), r.value());
                if (o.seen() != null) {
                    send(Topics.SEEN, ArticleIds.fromCanonicalUrl(o.seen().canonicalUrl()), Json.writeBytes(o.seen()));
                }
                c.fail(o.reason());
            }
        }
    }

    private void deadLetter(String stage, String reason, String detail, String topic, Integer partition, Long offset,
                            String key, byte[] value) {
        byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        String why = detail == null || detail.equals(reason) ? reason : reason + ": " + detail;
        DeadLetter dl = DeadLetters.of(stage, why, topic, partition, offset, k, value);
        producer().send(DeadLetters.record(dl, k));
    }

    /**
     * Publishes an article unless it is larger than a record may be: the producer would drop it
     * asynchronously, unseen; instead it goes to the DLQ (stage ingest.produce) and counts as failed.
     */
    private boolean sendArticle(RawArticle a, Counter c) {
        byte[] value = Json.writeBytes(a);
        long size = value.length + (a.id() == null ? 0 : a.id().length());
        if (size > DlqExceptionHandlers.DEFAULT_MAX_RECORD_BYTES) {
            String detail = "article of " + size + " bytes is over the record limit of "
                    + DlqExceptionHandlers.DEFAULT_MAX_RECORD_BYTES + " bytes (" + a.url() + ")";
            LOG.warn("{} not published: {}", a.id(), detail);
            deadLetter(STAGE_PRODUCE, "record-too-large", detail, null, null, null, a.id(), value);
            c.fail("record-too-large");
            return false;
        }
        send(Topics.RAW, a.id(), value);
        return true;
    }

    private void send(String topic, String key, byte[] value) {
        producer().send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** Reads the compacted seen topic from the beginning to its current end. */
    private void loadSeen() {
        Properties props = consumerProps();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = partitions(c, Topics.SEEN);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (!reached(c, end)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        SeenState s = Json.read(r.value(), SeenState.class);
                        if (s.canonicalUrl() != null) {
                            seen.put(s.canonicalUrl(), s);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("unreadable seen record at {}-{}@{}", r.topic(), r.partition(), r.offset());
                    }
                }
            }
        }
        LOG.info("loaded fetch state of {} URLs", seen.size());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> parts = new ArrayList<>();
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos != null) {
            for (PartitionInfo pi : infos) {
                parts.add(new TopicPartition(topic, pi.partition()));
            }
        }
        return parts;
    }

    private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Outputs first, then offsets: a crash in between re-processes, it never loses. */
    private static void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> p) {
        p.flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerProps());
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // fetching a page can take a while; keep the batch small so the group does not evict us
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrap());
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
            producerMetrics = Meters.bind(producer);
        }
        return producer;
    }

    /**
     * The frontier key: the host, with its port when it is not the scheme's default (politeness is
     * per host and port, as in the fetcher), so one instance of the group owns each.
     */
    public static String hostOf(String url) {
        try {
            URI u = URI.create(url.trim());
            String h = u.getHost();
            if (h == null) {
                return "";
            }
            h = h.toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port < 0 || (port == 80 && "http".equalsIgnoreCase(u.getScheme()))
                    || (port == 443 && "https".equalsIgnoreCase(u.getScheme()));
            return defaultPort ? h : h + ":" + port;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Fetch state by canonical URL, as loaded and updated by this service (read-only view). */
    public Map<String, SeenState> seenState() {
        return java.util.Collections.unmodifiableMap(seen);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        fetcher.close();
    }

    private static final class Counter {
        int published;
        int skipped;
        final Map<String, Integer> failures = new TreeMap<>();

        void fail(String reason) {
            failures.merge(reason == null ? "unknown" : reason, 1, Integer::sum);
        }

        Summary summary() {
            int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
            return new Summary(published, skipped, failed, Map.copyOf(failures));
        }
    }
}
