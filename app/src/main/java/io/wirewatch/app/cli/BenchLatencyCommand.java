package io.wirewatch.app.cli;

import io.wirewatch.app.bench.LatencyProbe;
import io.wirewatch.app.broker.Cluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Latency from publish on news.raw.v1 to the status table: enrich and aggregate run as `run` "
                + "starts them (exactly-once), benchmark-corpus articles are produced at a steady rate, and a "
                + "read_committed consumer of org.status.v1 notes when each article first shows as evidence.",
                "Before it, stderr breaks the latency down by hop (when each article shows, to a read_committed reader, on "
                + "the story-assignment repartition topic, news.enriched.v1, the by-organization repartition topic and "
                + "org.status.v1) and gives each stream thread's commit rate, commit time and time shares.",
                "The last line on stdout is `latency rate=R sent=N observed=M p50_ms=.. p95_ms=.. p99_ms=.. max_ms=..`."})
public final class BenchLatencyCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "N", defaultValue = "500",
            description = "Articles per second. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "Measured period. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "15",
            description = "Period before it, not counted (JIT, first commits). Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "11",
            description = "Seed of the corpus generator. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
            description = "A Kafka Streams property set on both applications on top of what `run` sets (to measure a "
                    + "variant, e.g. commit.interval.ms=50; it wins over --stories-window-ms and --decoded-bytes); "
                    + "repeatable.")
    Map<String, String> streamsProperties = new LinkedHashMap<>();

    @Mixin KafkaOptions kafka;
    @Mixin PipelineSettingsOptions settings;

    /** The settings' options, then the {@code --streams-property} pairs on top (the variant measured wins). */
    Properties streamsOverrides() {
        Properties extra = settings.properties();
        extra.putAll(streamsProperties);
        return extra;
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("--rate and --seconds must be at least 1, --warmup-seconds at least 0");
        }
        Properties extra = streamsOverrides();
        try (Cluster cluster = kafka.open()) {
            LatencyProbe.Result r = new LatencyProbe(cluster.bootstrap(),
                    new LatencyProbe.Options(rate, seconds, warmupSeconds, seed, Duration.ofMinutes(30), extra), System.err).run();
            System.err.flush();
            System.out.println(r.line());
        }
        return 0;
    }
}
