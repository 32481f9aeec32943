package io.wirewatch.app.cli;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.DeadLetterReport;
import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.IngestService;
import io.wirewatch.ingest.fetch.FetchConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The three services over a fixed set of sources until everything is processed: what `run` and
 * `demo` do, and what the end-to-end tests call. Stream state lives in a temp dir unless given.
 */
public final class BatchRun {

    private BatchRun() {}

    public static Results execute(Cluster cluster, List<String> sources, FetchConfig fetch, Path stateDirOrNull,
                                  Duration timeout, PrintStream log) throws IOException, InterruptedException {
        return execute(cluster, sources, fetch, stateDirOrNull, new Properties(), timeout, log);
    }

    /** As above, with {@code settings} (the story window, the decoded budget: Streams properties) on both applications. */
    public static Results execute(Cluster cluster, List<String> sources, FetchConfig fetch, Path stateDirOrNull,
                                  Properties settings, Duration timeout, PrintStream log)
            throws IOException, InterruptedException {
        Path stateDir = stateDirOrNull != null ? stateDirOrNull : Files.createTempDirectory("wirewatch-state-");
        try {
            Map<Integer, Long> dlqMark = DeadLetterReport.mark(cluster.bootstrap());
            try (Pipeline pipeline = Pipeline.start(cluster.bootstrap(), stateDir, "", settings)) {
                try (IngestService ingest = new IngestService(new IngestConfig(cluster.bootstrap(), sources, fetch))) {
                    IngestService.Summary s = ingest.runOnce();
                    log.printf("ingest: %d published, %d unchanged or skipped, %d failed %s%n",
                            s.published(), s.skipped(), s.failed(),
                            s.failuresByReason().isEmpty() ? "" : s.failuresByReason() + " (see news.dlq.v1)");
                }
                pipeline.awaitProcessed(timeout);
            }
            Results results = Results.read(cluster.bootstrap());
            log.printf("enrich: %d articles in %d stories; aggregate: %d organizations with a status%n",
                    results.articles().size(), results.stories().size(), results.organizations().size());
            DeadLetterReport.since(cluster.bootstrap(), dlqMark).print(log);
            return results;
        } finally {
            if (stateDirOrNull == null) {
                deleteQuietly(stateDir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftover temp state is harmless
        }
    }
}
