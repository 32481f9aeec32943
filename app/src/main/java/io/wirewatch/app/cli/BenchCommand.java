package io.wirewatch.app.cli;

import io.wirewatch.app.bench.Benchmark;
import io.wirewatch.app.broker.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchExtractCommand.class, BenchStoriesCommand.class, BenchLatencyCommand.class},
        description = {"End-to-end throughput benchmark (see BENCHMARKS.md): generates a deterministic synthetic corpus "
                + "of N news articles (many outlets, 300-1,500 words, ~10%% wire copies, multi-outlet stories, "
                + "organisations and jurisdictions with designation, delisting and sanction sentences), loads it into "
                + "news.raw.v1, then times a pass-through Kafka Streams application (exactly-once, bytes in and out, to "
                + "bench.passthrough.v1) and enrich + aggregate (exactly-once) over the same records.",
                "Progress and stage details go to stderr; the last line on stdout is "
                        + "`articles=N articles_per_s=X passthrough_per_s=Y ratio=X/Y`.",
                "Meant for the embedded broker; against --bootstrap-server it writes to the contract topics and "
                        + "processes whatever news.raw.v1 already holds as well."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--articles", paramLabel = "N", defaultValue = "200000",
            description = "Corpus size. Default: ${DEFAULT-VALUE}.")
    long articles;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7",
            description = "Seed of the corpus generator (same seed and size, same corpus). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state (default: a temp dir, deleted).")
    Path stateDir;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "3600",
            description = "Give up when a stage takes longer. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--aggregate-alone",
            description = "After the two stages, run aggregate once more on its own, under a fresh application id, over "
                    + "what enrich wrote: its rate without enrich on the same cores (stderr), and a run to profile it in. "
                    + "With --service-jvms, the aggregate command in a JVM of its own (-Xmx from --service-heap), "
                    + "with its CPU, peak RSS and heap after GCs.")
    boolean aggregateAlone;

    @Option(names = "--aggregate-copies", paramLabel = "K", defaultValue = "1",
            description = "With --aggregate-alone: feed it K copies of enrich's output (ids suffixed), for a long "
                    + "aggregate run from a short enrich run. Default: ${DEFAULT-VALUE}.")
    int aggregateCopies;

    @Option(names = "--stories-alone",
            description = "Instead of the pass-through and enrich + aggregate stages: tag the corpus in this JVM, write it "
                    + "to one partition (as enrich's story-assignment repartition topic), and time the story-assignment "
                    + "sub-topology alone over it (same processor, stores and exactly-once config). The last line is then "
                    + "`stories_alone articles=N articles_per_s=X`.")
    boolean storiesAlone;

    @Option(names = "--service-jvms",
            description = "Run the enrich + aggregate stage with enrich and aggregate each in a JVM of its own, as they are "
                    + "deployed: this jar's `enrich` and `aggregate` commands against the bench's broker, each with "
                    + "-Xmx from --service-heap, -XX:+ExitOnOutOfMemoryError and a GC log. Per service, stderr then gets "
                    + "its CPU, peak RSS, GC count, pauses and the largest heap after a GC and after a full GC; a service "
                    + "that exits early (e.g. out of memory) fails the bench. The pass-through and the broker stay in "
                    + "this JVM; the last line is the same.")
    boolean serviceJvms;

    @Option(names = "--service-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "With --service-jvms: each service's -Xmx (e.g. 512m, 1g). Default: ${DEFAULT-VALUE}.")
    String serviceHeap;

    @Option(names = "--service-logs", paramLabel = "DIR",
            description = "With --service-jvms: keep each service's output, command line and GC log in DIR (default: a "
                    + "temp dir, deleted after a successful run and kept when the bench fails).")
    Path serviceLogs;

    @Option(names = "--service-extra", paramLabel = "DIR", defaultValue = "${env:WIREWATCH_BENCH_SERVICE_EXTRA}",
            description = "With --service-jvms, for experiments on one service JVM: add the JVM options of DIR/LABEL.jvm "
                    + "(split at whitespace; e.g. a JFR recording or GC flags) and the --config keys of "
                    + "DIR/LABEL.properties to the service of that label (enrich, aggregate, aggregate-alone); a missing "
                    + "file adds nothing. Default: the environment variable WIREWATCH_BENCH_SERVICE_EXTRA, else none.")
    Path serviceExtra;

    @Mixin KafkaOptions kafka;
    @Mixin PipelineSettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        if (articles < 1) {
            throw new IllegalArgumentException("--articles must be at least 1 (got " + articles + ")");
        }
        if (storiesAlone && aggregateAlone) {
            throw new IllegalArgumentException("--stories-alone and --aggregate-alone exclude each other (run them one at a time)");
        }
        if (aggregateCopies < 1) {
            throw new IllegalArgumentException("--aggregate-copies must be at least 1 (got " + aggregateCopies + ")");
        }
        if (serviceJvms && storiesAlone) {
            throw new IllegalArgumentException("--service-jvms runs the enrich + aggregate stage, which --stories-alone skips");
        }
        if (serviceJvms && !serviceHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException("--service-heap must be a JVM heap size such as 512m or 1g (got " + serviceHeap + ")");
        }
        if (serviceJvms && serviceExtra != null && !Files.isDirectory(serviceExtra)) {
            throw new IllegalArgumentException("--service-extra must be a directory of LABEL.jvm / LABEL.properties files (got "
                    + serviceExtra + ", not a directory)");
        }
        Properties streams = settings.properties(); // a bad setting fails before a broker starts
        try (Cluster cluster = kafka.open()) {
            Benchmark.Options options = new Benchmark.Options(articles, seed, stateDir,
                    Duration.ofSeconds(timeoutSeconds), cluster.embedded() ? 1 : kafka.replicationFactor,
                    cluster.embedded(), aggregateAlone, aggregateCopies, storiesAlone,
                    serviceJvms ? serviceHeap : null, serviceJvms ? serviceLogs : null,
                    serviceJvms ? serviceExtra : null, streams);
            Benchmark.Result result = new Benchmark(cluster.bootstrap(), options, System.err).run();
            System.err.flush();
            System.out.println(storiesAlone ? result.storiesAloneLine() : result.line());
            System.out.flush();
        }
        return 0;
    }
}
