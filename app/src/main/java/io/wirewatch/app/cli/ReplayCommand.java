package io.wirewatch.app.cli;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.Topics;
import io.wirewatch.enrich.EnrichService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reprocesses history with fresh application state and rebuilds the status tables "
                + "on org.status.v1 (compacted, so the rebuilt tables replace the old ones).",
                "Enrich and aggregate run under new application ids (<id>-replay-<time>) from the beginning of "
                        + "news.raw.v1, or from the first record at or after --from; aggregate always refolds all "
                        + "of news.enriched.v1, so the tables cover the whole history. Exits when done."})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "YYYY-MM-DD",
            description = "Re-enrich only the raw articles with a record time on or after this date (e.g. after a knowledge-base update).")
    String from;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write articles.jsonl, stories.jsonl and status.json.")
    Path out;

    @Option(names = "--timeout-seconds", defaultValue = "3600", description = "Give up after this long. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Mixin KafkaOptions kafka;
    @Mixin PipelineSettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Long fromMillis = null;
        if (from != null) {
            try {
                fromMillis = LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--from must be a date like 2025-04-17, got '" + from + "'");
            }
        }
        Properties streams = settings.properties(); // a bad setting fails before a broker starts
        try (Cluster cluster = kafka.open()) {
            if (cluster.embedded()) {
                System.err.println("replay: no --bootstrap-server, so this replays an empty embedded broker; "
                        + "point it at the cluster whose history you want to rebuild");
            }
            Results r = replay(cluster, fromMillis, streams, Duration.ofSeconds(timeoutSeconds));
            System.err.printf("replay: %d organizations rebuilt from %d articles%n",
                    r.organizations().size(), r.articles().size());
            if (out != null) {
                r.writeTo(out);
            }
        }
        return 0;
    }

    /** Runs both applications under fresh ids and state until they have caught up; returns the rebuilt results. */
    public static Results replay(Cluster cluster, Long fromMillisOrNull, Duration timeout) throws Exception {
        return replay(cluster, fromMillisOrNull, new Properties(), timeout);
    }

    /** As above, with {@code settings} (Streams properties) on both applications. */
    public static Results replay(Cluster cluster, Long fromMillisOrNull, Properties settings, Duration timeout)
            throws Exception {
        String suffix = "-replay-" + System.currentTimeMillis();
        if (fromMillisOrNull != null) {
            startEnrichAt(cluster.bootstrap(), EnrichService.APPLICATION_ID + suffix, fromMillisOrNull);
        }
        Path state = Files.createTempDirectory("wirewatch-replay-");
        try (Pipeline pipeline = Pipeline.start(cluster.bootstrap(), state, suffix, settings)) {
            pipeline.awaitProcessed(timeout);
        }
        return Results.read(cluster.bootstrap());
    }

    /** Commits the replay group's starting offsets on the raw topic before the application first joins. */
    static void startEnrichAt(String bootstrap, String groupId, long fromMillis) throws Exception {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.RAW, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.RAW, p.partition())).toList();
            Map<TopicPartition, Long> query = new HashMap<>();
            parts.forEach(tp -> query.put(tp, fromMillis));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            for (TopicPartition tp : parts) {
                OffsetAndTimestamp o = found.get(tp);
                start.put(tp, new OffsetAndMetadata(o != null ? o.offset() : ends.get(tp)));
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.alterConsumerGroupOffsets(groupId, start).all().get(30, TimeUnit.SECONDS);
        }
    }
}
