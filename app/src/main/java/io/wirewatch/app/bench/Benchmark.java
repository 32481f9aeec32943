package io.wirewatch.app.bench;

import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.app.pipeline.Quiescence;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.common.kafka.StreamsDefaults;
import io.wirewatch.common.ops.Meters;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.enrich.ArticleEnricher;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.enrich.EnrichTopology;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryInput;
import io.wirewatch.enrich.stories.StoryProcessor;
import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.AggregateTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The end-to-end throughput benchmark behind {@code wirewatch bench} (issue 7): a synthetic corpus is
 * loaded into {@code news.raw.v1}, then, one after the other on the same broker and in the same JVM,
 * <ol>
 *   <li>a pass-through Kafka Streams application with the same defaults as the services (exactly-once v2,
 *       the same producer settings and commit interval) copies the raw bytes to {@value #PASSTHROUGH_TOPIC}
 *       without deserialising them: the cost of Kafka Streams and exactly-once alone;</li>
 *   <li>enrich and aggregate, as {@code run} starts them, process the same records (with
 *       {@link Options#serviceHeap()} set, each in a JVM of its own: {@link ServiceJvms}).</li>
 * </ol>
 * Each stage is timed from the start of its applications to the moment their consumer groups last
 * moved a committed offset before everything was found processed; throughput is records per second.
 */
public final class Benchmark {

    public static final String PASSTHROUGH_TOPIC = "bench.passthrough.v1";
    public static final String PASSTHROUGH_APP = "wirewatch-bench-passthrough";
    /** The stories-alone stage: pre-enriched input (one partition, as the repartition topic), and its outputs. */
    public static final String STORIES_INPUT_TOPIC = "bench.stories.input.v1";
    public static final String STORIES_ENRICHED_TOPIC = "bench.stories.enriched.v1";
    public static final String STORIES_TOPIC = "bench.stories.v1";

    /**
     * What to run. {@code stateDir} null means a temporary directory, deleted afterwards. {@code serviceHeap}
     * non-null runs enrich and aggregate each in a JVM of its own with that {@code -Xmx} ({@link ServiceJvms}),
     * their output and GC logs in {@code serviceLogs} (null: a temporary directory, kept only if the stage fails),
     * with the extra JVM options and config keys of {@code serviceExtra} (null: none; see
     * {@link ServiceJvms#jvmOptions}).
     */
    public record Options(long articles, long seed, Path stateDir, Duration timeout, short replication, boolean fresh,
                          boolean aggregateAlone, int aggregateCopies, boolean storiesAlone, String serviceHeap,
                          Path serviceLogs, Path serviceExtra, Properties settings) {
        /** Without settings or extras: the services' defaults. */
        public Options(long articles, long seed, Path stateDir, Duration timeout, short replication, boolean fresh,
                       boolean aggregateAlone, int aggregateCopies, boolean storiesAlone, String serviceHeap,
                       Path serviceLogs) {
            this(articles, seed, stateDir, timeout, replication, fresh, aggregateAlone, aggregateCopies, storiesAlone,
                    serviceHeap, serviceLogs, null, new Properties());
        }
    }

    /** The enrich and aggregate applications of the enrich + aggregate stage, in this JVM or each in its own. */
    interface Services extends AutoCloseable {
        /** Throws if an application is gone for good (only the child JVMs are checked before quiescence). */
        void checkAlive();

        void awaitProcessed(Duration timeout) throws InterruptedException;

        /** At the end of the stage: the figures that are the services' own (none for the in-process ones). */
        void report();

        @Override
        void close();
    }

    /** Both applications in this JVM, as {@code run} starts them. */
    private record InProcess(Pipeline pipeline) implements Services {
        @Override
        public void checkAlive() {
            // as before: only the quiescence passes check the in-process applications
        }

        @Override
        public void awaitProcessed(Duration timeout) throws InterruptedException {
            pipeline.awaitProcessed(timeout);
        }

        @Override
        public void report() {
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    /** Figures of one run: each stage's steady rate (see {@link Window}). */
    public record Result(long articles, long records, double loadSeconds, Window passthrough, Window pipeline) {
        public long articlesPerSecond() {
            return Math.round(pipeline.perSecond());
        }

        public long passthroughPerSecond() {
            return Math.round(passthrough.perSecond());
        }

        /** The last line of {@code bench --stories-alone}: {@code stories_alone articles=N articles_per_s=X}. */
        public String storiesAloneLine() {
            return String.format(Locale.ROOT, "stories_alone articles=%d articles_per_s=%d", articles, articlesPerSecond());
        }

        /** The contract's last line: {@code articles=N articles_per_s=X passthrough_per_s=Y ratio=X/Y}. */
        public String line() {
            long x = articlesPerSecond();
            long y = passthroughPerSecond();
            return String.format(Locale.ROOT, "articles=%d articles_per_s=%d passthrough_per_s=%d ratio=%.2f",
                    articles, x, y, y == 0 ? 0.0 : (double) x / y);
        }
    }

    private final String bootstrap;
    private final Options options;
    private final PrintStream log;

    public Benchmark(String bootstrap, Options options, PrintStream log) {
        this.bootstrap = bootstrap;
        this.options = options;
        this.log = log;
    }

    public Result run() throws Exception {
        Path stateDir = options.stateDir() != null ? options.stateDir() : Files.createTempDirectory("wirewatch-bench-");
        // against a fresh embedded broker the ids are fixed; on a shared cluster every run gets its own groups
        String suffix = options.fresh() ? "-bench" : "-bench-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> raw = partitions(admin, Topics.RAW);
            long before = count(admin, raw);
            if (before > 0) {
                log.printf("bench: warning: %s already holds %d records; every stage processes them too%n", Topics.RAW, before);
            }
            JvmStats jvm = new JvmStats();
            if (options.storiesAlone()) {
                return storiesAlone(admin, raw, stateDir.resolve("stories-alone"), suffix, jvm);
            }
            createTopic(admin, PASSTHROUGH_TOPIC, raw.size());

            double load = loadCorpus(admin, raw, jvm);
            long records = count(admin, raw);

            log.printf("bench: pass-through (exactly_once_v2, bytes in, bytes out) over %d records%n", records);
            Window passthrough = passthrough(admin, raw, stateDir.resolve("passthrough"), PASSTHROUGH_APP + suffix);
            log.printf("bench: pass-through: %s; %s%n", passthrough, jvm.sinceLast());

            log.printf("bench: enrich + aggregate (exactly_once_v2) over %d records%n", records);
            Window pipeline = pipeline(admin, raw, stateDir.resolve("pipeline"), suffix);
            log.printf("bench: enrich + aggregate: %s; %s%n", pipeline, jvm.sinceLast());
            outputs(admin);
            deadLetters();
            statusRecords();
            if (options.aggregateAlone()) {
                long articles = options.aggregateCopies() > 1 ? multiplyEnriched(options.aggregateCopies())
                        : countRecords(Topics.ENRICHED);
                log.printf("bench: copies: %s%n", jvm.sinceLast());
                aggregateAlone(admin, stateDir.resolve("aggregate-alone"), suffix + "-alone", articles);
                log.printf("bench: aggregate alone: %s%n", jvm.sinceLast());
            }
            return new Result(options.articles(), records, load, passthrough, pipeline);
        } finally {
            if (options.stateDir() == null) {
                deleteQuietly(stateDir);
            }
        }
    }

    // ---- (a) load ------------------------------------------------------------------------------------

    private double loadCorpus(Admin admin, List<TopicPartition> raw, JvmStats jvm) throws Exception {
        log.printf("bench: loading %d articles (seed %d) into %s (%d partitions)%n",
                options.articles(), options.seed(), Topics.RAW, raw.size());
        double load = load();
        log.printf("bench: load: %.1f s, %.0f articles/s; %s%n", load, options.articles() / load, jvm.sinceLast());
        return load;
    }

    private double load() throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long genNanos = 0;
        long t0 = System.nanoTime();
        CorpusGenerator corpus = new CorpusGenerator(options.seed(), options.articles());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer())) {
            long n = 0;
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (corpus.hasNext()) {
                long g = System.nanoTime();
                RawArticle a = corpus.next();
                byte[] value = Json.writeBytes(a);
                genNanos += System.nanoTime() - g;
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.RAW, a.id(), value), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if (failure.get() != null) {
                    break;
                }
                n++;
                if (System.nanoTime() > nextReport) {
                    log.printf("bench: load: %d/%d%n", n, options.articles());
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading the corpus failed: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.printf("bench: corpus: %s; %.1f MB of JSON (%.1f KB per article); generating and serialising took %.1f s "
                        + "of the load%n", corpus.summary(), bytes / 1e6, bytes / 1e3 / Math.max(1, options.articles()),
                genNanos / 1e9);
        return seconds;
    }

    // ---- (b) pass-through ---------------------------------------------------------------------------

    private Window passthrough(Admin admin, List<TopicPartition> raw, Path stateDir, String appId) throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Topics.RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-raw-bytes"))
                .to(PASSTHROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-same-bytes"));
        Properties p = StreamsDefaults.base(appId, bootstrap, "bench");
        p.putAll(Pipeline.overrides(stateDir)); // the same overrides enrich and aggregate get in a batch run
        Map<TopicPartition, Long> ends = endOffsets(admin, raw);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try (CommitWatcher watcher = new CommitWatcher(admin, List.of(appId), appId)) {
            ThreadCpu threads = new ThreadCpu();
            long cpu0 = JvmStats.cpuTime();
            Map<String, Long> requests0 = brokerRequests();
            long t0 = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
                streams.start();
                while (true) {
                    KafkaStreams.State s = streams.state();
                    if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
                            || s == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException("the pass-through application stopped (" + s + ")");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the pass-through did not finish within " + options.timeout());
                    }
                    // news.raw.v1 is written without transactions: done means committed == log end, exactly
                    Map<TopicPartition, OffsetAndMetadata> committed = watcher.latest(appId);
                    if (committed != null && ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()))) {
                        break;
                    }
                    Thread.sleep(20);
                }
                long end = watcher.lastChangeNanos();
                log.printf("bench: pass-through: thread CPU: %s%n", threads.breakdown(List.of(appId), cpu0));
                log.printf("bench: pass-through: broker requests: %s%n", requestsSince(requests0, sum(ends)));
                streams.close(Duration.ofSeconds(30));
                return watcher.window(t0, end, sum(ends));
            }
        }
    }

    // ---- (c) enrich + aggregate ---------------------------------------------------------------------

    private Window pipeline(Admin admin, List<TopicPartition> raw, Path stateDir, String suffix) throws Exception {
        String enrichId = EnrichService.APPLICATION_ID + suffix;
        String aggregateId = AggregateService.APPLICATION_ID + suffix;
        try (CommitWatcher watcher = new CommitWatcher(admin, List.of(enrichId, aggregateId), enrichId)) {
            ThreadCpu threads = new ThreadCpu();
            long cpu0 = JvmStats.cpuTime();
            long t0 = System.nanoTime();
            long total = endOffsets(admin, raw).values().stream().mapToLong(Long::longValue).sum();
            Thread progress = progressLogger(watcher, List.of(enrichId, aggregateId), total, t0);
            Map<TopicPartition, Long> rawEnds = endOffsets(admin, raw);
            Map<String, Long> requests0 = brokerRequests();
            try (Services services = options.serviceHeap() == null
                    ? new InProcess(Pipeline.start(bootstrap, stateDir, suffix, options.settings()))
                    : ServiceJvms.start(bootstrap, stateDir, options.serviceLogs(), options.serviceExtra(), enrichId, aggregateId,
                    options.serviceHeap(), raw.size(), options.replication(), options.settings(), log)) {
                // the quiescence passes (admin and consumer requests every 100 ms) start only once enrich has
                // committed all of news.raw.v1 and no group has moved its offsets for a second: before that they
                // cannot succeed, and they cost the broker CPU (if a stage is only paused, they still wait for it)
                long deadline = System.nanoTime() + options.timeout().toNanos();
                while ((!caughtUp(watcher.latest(enrichId), rawEnds)
                        || System.nanoTime() - watcher.lastChangeNanos() < TimeUnit.SECONDS.toNanos(1))
                        && System.nanoTime() < deadline) {
                    services.checkAlive();
                    Thread.sleep(CommitWatcher.POLL_MILLIS);
                }
                services.awaitProcessed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                long awaited = System.nanoTime();
                watcher.pollOnce();
                long end = watcher.lastChangeNanos();
                log.printf("bench: enrich + aggregate: last committed-offset change after %.2f s; "
                        + "quiescence confirmed after %.2f s%n", (end - t0) / 1e9, (awaited - t0) / 1e9);
                log.printf("bench: enrich + aggregate: thread CPU: %s%n",
                        threads.breakdown(List.of(enrichId, aggregateId), cpu0));
                log.printf("bench: enrich + aggregate: broker requests: %s%n", requestsSince(requests0, total));
                services.report();
                return watcher.window(t0, end, total);
            } finally {
                progress.interrupt();
            }
        }
    }

    /**
     * aggregate on its own, under a fresh application id, over what enrich wrote (news.enriched.v1 and
     * news.stories.v1): its cost per article without enrich competing for the cores, and the run to
     * profile it in isolation. Its rate counts enriched articles.
     */
    private void aggregateAlone(Admin admin, Path stateDir, String suffix, long articles) throws Exception {
        String id = AggregateService.APPLICATION_ID + suffix;
        Topology topology = AggregateTopology.build();
        Properties p = AggregateService.config(bootstrap, id);
        p.putAll(Pipeline.overrides(stateDir));
        p.putAll(options.settings());
        log.printf("bench: aggregate alone (exactly_once_v2) over %d enriched articles and their story updates%n",
                articles);
        if (options.serviceHeap() != null) {
            aggregateAloneInItsJvm(admin, stateDir, id, articles);
            return;
        }
        try (CommitWatcher watcher = new CommitWatcher(admin, List.of(id), id);
             Quiescence quiescence = new Quiescence(bootstrap, Quiescence.stagesOf(id, topology))) {
            ThreadCpu threads = new ThreadCpu();
            long cpu0 = JvmStats.cpuTime();
            Map<String, Long> requests0 = brokerRequests();
            long t0 = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(topology, p)) {
                streams.start();
                quiescence.await(options.timeout(), () -> {
                    KafkaStreams.State s = streams.state();
                    if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR) {
                        throw new IllegalStateException("aggregate stopped (" + s + ")");
                    }
                });
                watcher.pollOnce();
                // input offsets (records and transaction markers) of both topics: the window's unit
                long inputOffsets = sum(endOffsets(admin, partitions(admin, Topics.ENRICHED)))
                        + sum(endOffsets(admin, partitions(admin, Topics.STORIES)));
                Window w = watcher.window(t0, watcher.lastChangeNanos(), inputOffsets);
                double perArticle = (double) articles / Math.max(1, inputOffsets);
                long routed = sentTo(streams, id + "-by-organization-repartition");
                log.printf(Locale.ROOT, "bench: aggregate alone: %s (input offsets); steady %.0f enriched articles/s "
                                + "(%.0f/s from start); %d records through by-organization (%.2f per article)%n",
                        w, w.perSecond() * perArticle, articles / w.fromStartSeconds(), routed,
                        (double) routed / Math.max(1, articles));
                log.printf("bench: aggregate alone: thread CPU: %s%n", threads.breakdown(List.of(id), cpu0));
                log.printf("bench: aggregate alone: broker requests: %s%n", requestsSince(requests0, articles));
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    /**
     * {@link #aggregateAlone} with {@code --service-jvms}: the real {@code aggregate} command in a JVM of its own
     * (the heap of {@code --service-heap}), as deployed, so that a long run over many copies shows its heap.
     */
    private void aggregateAloneInItsJvm(Admin admin, Path stateDir, String id, long articles) throws Exception {
        long inputOffsets = sum(endOffsets(admin, partitions(admin, Topics.ENRICHED)))
                + sum(endOffsets(admin, partitions(admin, Topics.STORIES)));
        try (CommitWatcher watcher = new CommitWatcher(admin, List.of(id), id)) {
            long t0 = System.nanoTime();
            Thread progress = progressLogger(watcher, List.of(id), inputOffsets, t0);
            try (Services service = ServiceJvms.start(bootstrap, stateDir, options.serviceLogs(), options.serviceExtra(),
                    List.of(new ServiceJvms.Spec("aggregate", "aggregate-alone", id)), options.serviceHeap(),
                    partitions(admin, Topics.ENRICHED).size(), options.replication(), options.settings(), log)) {
                service.awaitProcessed(options.timeout());
                watcher.pollOnce();
                Window w = watcher.window(t0, watcher.lastChangeNanos(), inputOffsets);
                double perArticle = (double) articles / Math.max(1, inputOffsets);
                log.printf(Locale.ROOT, "bench: aggregate alone: %s (input offsets); steady %.0f enriched articles/s "
                                + "(%.0f/s from start)%n",
                        w, w.perSecond() * perArticle, articles / w.fromStartSeconds());
                service.report();
            } finally {
                progress.interrupt();
            }
        }
    }

    // ---- (d) the story stage alone --------------------------------------------------------------------

    /**
     * The story-assignment sub-topology by itself ({@link EnrichTopology#storiesOnly}: the same processor,
     * stores, outputs and exactly-once config as in enrich), over the corpus tagged beforehand in this
     * JVM and written to one partition, as enrich's repartition topic holds it. No pass-through and no
     * aggregate run: the stage's rate is what bounds enrich + aggregate. Its result's pipeline window is
     * this stage, and the pass-through window is empty.
     */
    private Result storiesAlone(Admin admin, List<TopicPartition> raw, Path stateDir, String suffix, JvmStats jvm)
            throws Exception {
        createTopic(admin, STORIES_INPUT_TOPIC, 1);
        createTopic(admin, STORIES_ENRICHED_TOPIC, 1);
        createTopic(admin, STORIES_TOPIC, 1);
        double load = loadCorpus(admin, raw, jvm);
        long t0 = System.nanoTime();
        long tagged = tagInto(STORIES_INPUT_TOPIC);
        log.printf(Locale.ROOT, "bench: stories alone: %d articles tagged (entities, claims) into %s in %.1f s; %s%n",
                tagged, STORIES_INPUT_TOPIC, (System.nanoTime() - t0) / 1e9, jvm.sinceLast());

        String id = EnrichService.APPLICATION_ID + suffix + "-stories";
        Topology topology = EnrichTopology.storiesOnly(STORIES_INPUT_TOPIC, STORIES_ENRICHED_TOPIC, STORIES_TOPIC,
                StoryClusterer.Params.defaults(), StoryProcessor.CacheSizes.defaults());
        Properties p = EnrichService.config(bootstrap, id);
        p.putAll(Pipeline.overrides(stateDir));
        p.putAll(options.settings());
        List<TopicPartition> input = partitions(admin, STORIES_INPUT_TOPIC);
        Map<TopicPartition, Long> ends = endOffsets(admin, input);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        log.printf("bench: stories alone (exactly_once_v2) over %d pre-enriched articles%n", sum(ends));
        try (CommitWatcher watcher = new CommitWatcher(admin, List.of(id), id)) {
            ThreadCpu threads = new ThreadCpu();
            long start = System.nanoTime();
            Thread progress = progressLogger(watcher, List.of(id), sum(ends), start);
            try (KafkaStreams streams = new KafkaStreams(topology, p)) {
                streams.start();
                // the input is written without transactions: done means committed == log end, exactly
                while (!caughtUp(watcher.latest(id), ends)) {
                    KafkaStreams.State s = streams.state();
                    if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
                            || s == KafkaStreams.State.NOT_RUNNING) {
                        throw new IllegalStateException("the story stage stopped (" + s + ")");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the story stage did not finish within " + options.timeout());
                    }
                    Thread.sleep(20);
                }
                Window w = watcher.window(start, watcher.lastChangeNanos(), sum(ends));
                log.printf("bench: stories alone: %s; %s%n", w, jvm.sinceLast());
                log.printf("bench: stories alone: thread CPU: %s%n", threads.since(id));
                long articles = Math.max(1, sum(ends));
                StringBuilder sent = new StringBuilder();
                for (String store : StoryProcessor.STORE_NAMES) {
                    long n = sentTo(streams, id + "-" + store + "-changelog");
                    sent.append(String.format(Locale.ROOT, " %s=%d (%.1f per article)", store, n, n / (double) articles));
                }
                log.printf(Locale.ROOT, "bench: stories alone: records sent: %s=%d %s=%d; changelogs:%s%n",
                        STORIES_ENRICHED_TOPIC, sentTo(streams, STORIES_ENRICHED_TOPIC), STORIES_TOPIC,
                        sentTo(streams, STORIES_TOPIC), sent);
                streams.close(Duration.ofSeconds(30));
                return new Result(options.articles(), sum(ends), load, new Window(0, 0, 0, 0), w);
            } finally {
                progress.interrupt();
            }
        }
    }

    private static boolean caughtUp(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
        return committed != null && ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
    }

    /** Reads news.raw.v1, tags each article as enrich's first sub-topology does, and writes it to {@code topic}. */
    private long tagInto(String topic) {
        ArticleEnricher enricher = ArticleEnricher.withDefaultKnowledgeBase();
        Map<String, Object> pc = copyProducerConfig();
        Map<String, Object> cc = copyConsumerConfig();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.RAW, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            while (failure.get() == null && tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    EnrichedArticle a = enricher.enrich(JsonSerde.RAW.deserializer().deserialize(r.topic(), r.value()));
                    // what enrich writes to its story-assignment repartition topic: the article and its features
                    byte[] value = EnrichTopology.STORY_INPUT.serializer().serialize(topic, StoryInput.of(a));
                    producer.send(new ProducerRecord<>(topic, r.key(), value), (md, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    n++;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing the tagged articles failed: " + failure.get().getMessage(), failure.get());
        }
        return n;
    }

    /** Records the application's producer sent to a topic (Streams purges repartition topics as it goes). */
    private static long sentTo(KafkaStreams streams, String topic) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("record-send-total")
                        && e.getKey().group().equals("producer-topic-metrics")
                        && topic.equals(e.getKey().tags().get("topic")))
                .mapToLong(e -> Math.round(((Number) e.getValue().metricValue()).doubleValue())).sum();
    }

    /**
     * Appends {@code copies - 1} copies of what enrich wrote (news.enriched.v1 and news.stories.v1) to
     * the same topics, with article and story ids suffixed {@code ~k}: a large enriched input for the
     * aggregate-alone stage without running enrich for as long. Organisations stay the same, so their
     * rows, evidence and tables grow as they would over a long run. Returns the enriched articles
     * now on the topic.
     */
    private long multiplyEnriched(int copies) throws Exception {
        Map<String, Object> pc = copyProducerConfig();
        Map<String, Object> cc = copyConsumerConfig();
        long t0 = System.nanoTime();
        long originals = 0;
        long written = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new java.util.ArrayList<>();
            for (String topic : List.of(Topics.ENRICHED, Topics.STORIES)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps); // the originals only
            for (int k = 1; k < copies && failure.get() == null; k++) {
                consumer.seekToBeginning(tps);
                String tag = "~" + k;
                while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() >= ends.get(tp) || r.value() == null) {
                            continue;
                        }
                        com.fasterxml.jackson.databind.node.ObjectNode v =
                                (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(r.value());
                        boolean article = r.topic().equals(Topics.ENRICHED);
                        if (article && k == 1) {
                            originals++;
                        }
                        suffix(v, "id", tag);
                        if (article) {
                            suffix(v, "storyId", tag);
                            suffix(v, "duplicateOf", tag);
                        } else if (v.get("articleIds") instanceof com.fasterxml.jackson.databind.node.ArrayNode ids) {
                            suffix(v, "mergedInto", tag); // a redirect leads to the copy's survivor
                            for (int i = 0; i < ids.size(); i++) {
                                ids.set(i, ids.get(i).asText() + tag);
                            }
                        }
                        producer.send(new ProducerRecord<>(r.topic(), v.path("id").asText(), Json.MAPPER.writeValueAsBytes(v)),
                                (md, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                        written++;
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("copying enriched articles failed: " + failure.get().getMessage(), failure.get());
        }
        log.printf(Locale.ROOT, "bench: copies: %d copies of %d enriched articles and their stories, %d records written in %.1f s%n",
                copies - 1, originals, written, (System.nanoTime() - t0) / 1e9);
        return originals * copies;
    }

    /** A producer for copying records between topics in bulk. */
    private Map<String, Object> copyProducerConfig() {
        Map<String, Object> pc = new HashMap<>();
        pc.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pc.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        pc.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        pc.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        pc.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        return pc;
    }

    /** A read_committed consumer for reading whole topics in bulk, committing nothing. */
    private Map<String, Object> copyConsumerConfig() {
        Map<String, Object> cc = new HashMap<>();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cc.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return cc;
    }

    private static void suffix(com.fasterxml.jackson.databind.node.ObjectNode v, String field, String tag) {
        if (v.hasNonNull(field)) {
            v.put(field, v.get(field).asText() + tag);
        }
    }

    /** Records on a topic, read committed (transaction markers and aborted records are not counted). */
    private long countRecords(String topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long n = 0;
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                n += consumer.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A stage's steady rate: the records its input group committed after its first commit, over the
     * time from that commit to its groups' last. Start-up (joining the group, creating topics, the
     * first poll) and the records of the first commit interval are left out of every stage alike, so
     * a short pass-through is not mostly start-up. {@code fromStartSeconds} is the whole stage.
     */
    public record Window(long records, long firstCommitRecords, double firstCommitSeconds, double fromStartSeconds) {
        public double seconds() {
            return fromStartSeconds - firstCommitSeconds;
        }

        public double perSecond() {
            double s = seconds();
            return s <= 0 ? records / fromStartSeconds : (records - firstCommitRecords) / s;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f s from start (first commit after %.2f s, with %d of %d records); "
                            + "steady %.0f records/s over the last %.2f s (%.0f/s from start)",
                    fromStartSeconds, firstCommitSeconds, firstCommitRecords, records, perSecond(), seconds(),
                    records / fromStartSeconds);
        }
    }

    private Thread progressLogger(CommitWatcher watcher, List<String> groups, long total, long t0) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5000);
                    StringBuilder sb = new StringBuilder();
                    for (String g : groups) {
                        Map<TopicPartition, OffsetAndMetadata> c = watcher.latest(g);
                        Map<String, Long> byTopic = new java.util.TreeMap<>();
                        if (c != null) {
                            c.forEach((tp, om) -> byTopic.merge(tp.topic().replace(g + "-", ""),
                                    om == null ? 0L : om.offset(), Long::sum));
                        }
                        byTopic.forEach((topic, n) -> sb.append(' ').append(topic).append('=').append(n));
                    }
                    log.printf("bench: after %.0f s, committed input offsets (of %d raw records):%s%n",
                            (System.nanoTime() - t0) / 1e9, total, sb);
                }
            } catch (InterruptedException ignored) {
                // the stage is over
            }
        }, "bench-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void outputs(Admin admin) throws Exception {
        StringBuilder sb = new StringBuilder("bench: log end offsets (records + transaction markers):");
        for (String topic : List.of(Topics.ENRICHED, Topics.STORIES, Topics.STATUS, Topics.DLQ, PASSTHROUGH_TOPIC)) {
            sb.append(' ').append(topic).append('=').append(count(admin, partitions(admin, topic)));
        }
        log.println(sb);
    }

    /**
     * The dead letters on the DLQ, by stage and kind of reason ({@link Meters#reasonCode}) and by the
     * topic a too-large record was meant for; read header by header, no value kept.
     */
    private void deadLetters() {
        Map<String, Integer> byReason = new java.util.TreeMap<>();
        long n = scan(Topics.DLQ, r -> byReason.merge(header(r, "wirewatch.stage") + ": "
                + Meters.reasonCode(header(r, "wirewatch.reason"))
                + (r.headers().lastHeader("wirewatch.target.topic") == null ? ""
                : " (for " + header(r, "wirewatch.target.topic") + ")"), 1, Integer::sum));
        log.printf("bench: dead letters: %d record%s on %s%s%n", n, n == 1 ? "" : "s", Topics.DLQ,
                byReason.isEmpty() ? "" : ", by stage and reason: " + byReason.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining("; ")));
    }

    /** How large the status tables published grew: records, tombstones, the largest value, and those cut to their budget. */
    private void statusRecords() {
        long[] stats = new long[4]; // values, tombstones, largest, cut
        byte[] mark = "\"evidenceTotal\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        scan(Topics.STATUS, r -> {
            if (r.value() == null) {
                stats[1]++;
                return;
            }
            stats[0]++;
            stats[2] = Math.max(stats[2], r.value().length);
            if (contains(r.value(), mark)) {
                stats[3]++;
            }
        });
        log.printf("bench: %s: %d tables, %d tombstones, largest %d bytes, %d cut to their byte budget%n",
                Topics.STATUS, stats[0], stats[1], stats[2], stats[3]);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? "unknown" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads a topic's committed records from the beginning to its end when called, none kept; the count. */
    private long scan(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        long[] n = {0};
        try {
            Results.forEachCommitted(bootstrap, topic, Map.of(), Duration.ofSeconds(300), r -> {
                n[0]++;
                each.accept(r);
            });
        } catch (RuntimeException e) {
            log.printf("bench: could not read %s: %s%n", topic, e);
        }
        return n[0];
    }

    // ---- Kafka helpers -------------------------------------------------------------------------------

    /** Requests the embedded broker (in this JVM) has handled, by API, from its JMX meters; empty against another cluster. */
    static Map<String, Long> brokerRequests() {
        Map<String, Long> out = new HashMap<>();
        try {
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (javax.management.ObjectName n : server.queryNames(
                    new javax.management.ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                String request = n.getKeyProperty("request");
                if (request != null && server.getAttribute(n, "Count") instanceof Number count) {
                    out.merge(request, count.longValue(), Long::sum);
                }
            }
        } catch (javax.management.JMException e) {
            // no broker in this JVM, or its meters are gone: nothing to count
        }
        return out;
    }

    /** The broker's requests since {@code before}, by API, largest first, with their count per input record. */
    private static String requestsSince(Map<String, Long> before, long records) {
        Map<String, Long> now = brokerRequests();
        long all = now.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        return String.format(Locale.ROOT, "%d (%.2f per input record): ", all, all / (double) Math.max(1, records))
                + now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> tps) throws Exception {
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        tps.forEach(tp -> q.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(q).all().get(30, TimeUnit.SECONDS).forEach((tp, r) -> out.put(tp, r.offset()));
        return out;
    }

    /** Records between the earliest and the latest offset (for a topic written with transactions, markers too). */
    private static long count(Admin admin, List<TopicPartition> tps) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        tps.forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
        long begin = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(r -> r.offset()).sum();
        long end = endOffsets(admin, tps).values().stream().mapToLong(Long::longValue).sum();
        return end - begin;
    }

    private void createTopic(Admin admin, String topic, int partitions) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, options.replication())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftover temp state is harmless
        }
    }

    // ---- watching commits and the JVM -------------------------------------------------------------------

    /**
     * Polls the committed offsets of some consumer groups every 20 ms on its own thread and remembers
     * when they last changed: under exactly-once a group commits its input offsets atomically with its
     * output, so the last change is the moment the stage finished its work.
     */
    static final class CommitWatcher implements AutoCloseable {
        private final Admin admin;
        private final List<String> groups;
        private final Map<String, Map<TopicPartition, OffsetAndMetadata>> latest = new HashMap<>();
        private final Thread thread;
        private final String inputGroup;
        private volatile long lastChange = System.nanoTime();
        private volatile long firstCommit = -1;
        private volatile long firstCommitRecords;
        private volatile boolean running = true;
        static final long POLL_MILLIS = 100;

        /** {@code inputGroup}: the group whose first commit of its input starts the steady window. */
        CommitWatcher(Admin admin, List<String> groups, String inputGroup) {
            this.admin = admin;
            this.groups = groups;
            this.inputGroup = inputGroup;
            this.thread = new Thread(() -> {
                while (running) {
                    pollOnce();
                    try {
                        // 100 ms is the commit interval: polling faster finds no more changes, and every poll
                        // is a request per group that the broker on the same cores answers
                        Thread.sleep(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-commit-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void pollOnce() {
            // one call for every group: the admin client batches the coordinator look-ups and offset fetches
            Map<String, org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(g -> specs.put(g, new org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec()));
            org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
            for (String g : groups) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> now = result.partitionsToOffsetAndMetadata(g)
                            .get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, Long> offsets = new HashMap<>();
                    now.forEach((tp, om) -> offsets.put(tp, om == null ? null : om.offset()));
                    Map<TopicPartition, OffsetAndMetadata> before = latest.get(g);
                    Map<TopicPartition, Long> beforeOffsets = new HashMap<>();
                    if (before != null) {
                        before.forEach((tp, om) -> beforeOffsets.put(tp, om == null ? null : om.offset()));
                    }
                    if (!offsets.equals(beforeOffsets)) {
                        lastChange = System.nanoTime();
                        if (firstCommit < 0 && g.equals(inputGroup)) {
                            // the input offsets this group reached on the topics it reads from outside
                            firstCommit = lastChange;
                            firstCommitRecords = now.entrySet().stream()
                                    .filter(e -> !e.getKey().topic().startsWith(g + "-") && e.getValue() != null)
                                    .mapToLong(e -> e.getValue().offset()).sum();
                        }
                    }
                    latest.put(g, now);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    // the group may not exist yet; try again at the next poll
                }
            }
        }

        synchronized Map<TopicPartition, OffsetAndMetadata> latest(String group) {
            return latest.get(group);
        }

        long lastChangeNanos() {
            return lastChange;
        }

        /** The stage's window, started at {@code t0}, ended at {@code end}, over {@code records} input records. */
        Window window(long t0, long end, long records) {
            long first = firstCommit < 0 ? end : firstCommit;
            return new Window(records, firstCommit < 0 ? 0 : firstCommitRecords, (first - t0) / 1e9, (end - t0) / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
        }
    }

    /**
     * CPU time of this JVM's threads since construction: the stream threads of one application and its
     * producers' network threads (by Java thread name), and on Linux every native thread by its kernel
     * name (RocksDB's flush and compaction threads, GC, JIT), read from /proc/self/task.
     */
    static final class ThreadCpu {
        private final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> start = javaThreads();
        private final Map<String, Long> startNative = nativeThreads(SELF_TASKS);
        private static final Path SELF_TASKS = Path.of("/proc/self/task");

        private Map<Long, Long> javaThreads() {
            Map<Long, Long> out = new HashMap<>();
            for (long t : mx.getAllThreadIds()) {
                long c = mx.getThreadCpuTime(t);
                if (c >= 0) {
                    out.put(t, c);
                }
            }
            return out;
        }

        /** Clock ticks (1/100 s) per thread id and kernel name of a process's {@code /proc/PID/task}; empty where it is not there. */
        static Map<String, Long> nativeThreads(Path procTasks) {
            Map<String, Long> out = new HashMap<>();
            try (Stream<Path> tasks = Files.list(procTasks)) {
                for (Path t : tasks.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        String name = stat.substring(stat.indexOf('(') + 1, close);
                        String[] f = stat.substring(close + 2).split(" ");
                        out.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException ignored) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException ignored) {
                // not Linux
            }
            return out;
        }

        String since(String applicationId) {
            double stream = 0;
            double network = 0;
            for (var e : javaThreads().entrySet()) {
                var info = mx.getThreadInfo(e.getKey());
                double s = (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / 1e9;
                String name = info == null ? "" : info.getThreadName();
                if (name.contains(applicationId) && name.contains("producer-network-thread")) {
                    network += s;
                } else if (name.startsWith(applicationId) && name.contains("StreamThread")) {
                    stream += s;
                }
            }
            // kernel names are cut at 15 characters; group them without their numbers
            Map<String, Double> groups = new HashMap<>();
            nativeThreads(SELF_TASKS).forEach((k, ticks) -> groups.merge(k.substring(k.indexOf(' ') + 1).replaceAll("[0-9#]+", "#"),
                    (ticks - startNative.getOrDefault(k, 0L)) / 100.0, Double::sum));
            String top = groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "stream thread %.1f s, its producer's network thread %.1f s; "
                    + "by kernel thread name (live threads): %s", stream, network, top);
        }

        /**
         * The whole JVM's CPU since construction by thread group, largest first: each application's stream
         * threads and producer network threads, the broker's request handlers, network threads and log
         * cleaner, other Java threads by name without numbers; from /proc the JVM's own threads that
         * Java does not list (GC, JIT compilers, VM) and RocksDB's. What is left of the process's CPU is
         * threads that ended meanwhile (e.g. a stopped client's).
         */
        String breakdown(List<String> applicationIds, long processCpuNanosAtStart) {
            Map<String, Double> groups = new HashMap<>();
            double listed = 0;
            for (var e : javaThreads().entrySet()) {
                var info = mx.getThreadInfo(e.getKey());
                double s = (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / 1e9;
                groups.merge(javaGroup(info == null ? "" : info.getThreadName(), applicationIds), s, Double::sum);
                listed += s;
            }
            Map<String, Long> now = nativeThreads(SELF_TASKS);
            for (var e : now.entrySet()) {
                String group = nativeGroup(e.getKey().substring(e.getKey().indexOf(' ') + 1));
                if (group != null) {
                    double s = (e.getValue() - startNative.getOrDefault(e.getKey(), 0L)) / 100.0;
                    groups.merge(group, s, Double::sum);
                    listed += s;
                }
            }
            double total = (JvmStats.cpuTime() - processCpuNanosAtStart) / 1e9;
            groups.merge("threads that ended meanwhile", Math.max(0, total - listed), Double::sum);
            return String.format(Locale.ROOT, "CPU %.1f s: ", total) + groups.entrySet().stream()
                    .filter(e -> e.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s %.1f s (%.0f%%)", e.getKey(), e.getValue(),
                            100 * e.getValue() / Math.max(1e-9, total)))
                    .collect(Collectors.joining(", "));
        }

        static String javaGroup(String name, List<String> applicationIds) {
            for (String app : applicationIds) {
                if (name.contains(app + "-")) {
                    if (name.contains("producer-network-thread")) {
                        return app + " producer network";
                    }
                    if (name.contains("StreamThread")) {
                        return app + " stream threads";
                    }
                    return app + " other";
                }
            }
            if (name.startsWith("data-plane-kafka-request-handler")) {
                return "broker request handlers";
            }
            if (name.startsWith("data-plane-kafka-network-thread")) {
                return "broker network threads";
            }
            if (name.startsWith("kafka-log-cleaner")) {
                return "broker log cleaner";
            }
            if (name.contains("producer-network-thread")) {
                return "other producers' network threads";
            }
            return name.replaceAll("[0-9]+", "#");
        }

        /** Threads of the JVM itself and of RocksDB, by kernel name (cut at 15 characters); null for Java threads. */
        static String nativeGroup(String kernelName) {
            if (kernelName.startsWith("GC Thread") || kernelName.startsWith("G1 ")) {
                return "GC (native)";
            }
            if (kernelName.startsWith("C1 CompilerThre") || kernelName.startsWith("C2 CompilerThre")) {
                return "JIT compilers (native)";
            }
            if (kernelName.startsWith("VM ") || kernelName.startsWith("Monitor Deflati")) {
                return "VM threads (native)";
            }
            if (kernelName.startsWith("rocksdb:")) {
                return "RocksDB flush/compaction (native)";
            }
            return null;
        }
    }

    /** GC count and time, CPU time and peak heap of this JVM (broker included) between two calls. */
    static final class JvmStats {
        private long gcCount;
        private long gcMillis;
        private long cpuNanos;
        private long wallNanos;

        JvmStats() {
            sinceLast();
        }

        String sinceLast() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                    pool.resetPeakUsage();
                }
            }
            long cpu = cpuTime();
            long wall = System.nanoTime();
            String s = String.format(Locale.ROOT,
                    "JVM: %d GCs taking %d ms, heap peak %d MB (sum of pool peaks; max %d MB), CPU %.1f s over %.1f s wall (%.2f cores)",
                    count - gcCount, millis - gcMillis, peak >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20,
                    (cpu - cpuNanos) / 1e9, (wall - wallNanos) / 1e9,
                    wall == wallNanos ? 0.0 : (double) (cpu - cpuNanos) / (wall - wallNanos));
            gcCount = count;
            gcMillis = millis;
            cpuNanos = cpu;
            wallNanos = wall;
            return s;
        }

        private static long cpuTime() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return Math.max(0, os.getProcessCpuTime());
            }
            return 0;
        }
    }
}
