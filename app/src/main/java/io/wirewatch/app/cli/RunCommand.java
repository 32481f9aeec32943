package io.wirewatch.app.cli;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs ingest, enrich and aggregate over the sources until every record is processed, "
                + "then writes DIR/articles.jsonl, DIR/stories.jsonl and DIR/status.json and exits.",
                "SRC: a directory (its .html/.htm/.txt/.jsonl files, recursively), one such file, an RSS/Atom "
                        + "feed URL, a sitemap URL, or a file of URLs (*.urls)."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--source", paramLabel = "SRC", required = true, arity = "1..*",
            description = "Where articles come from (repeatable).")
    List<String> sources;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the three result files.")
    Path out;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state (default: a temp dir, deleted).")
    Path stateDir;

    @Option(names = "--timeout-seconds", defaultValue = "1800", description = "Give up when processing takes longer. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--deny-private-addresses",
            description = "Refuse URLs on private or loopback addresses (the long-running ingest service always does unless told otherwise).")
    boolean denyPrivate;

    @Mixin KafkaOptions kafka;
    @Mixin FetchOptions fetch;
    @Mixin PipelineSettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Properties streams = settings.properties(); // a bad setting fails before a broker starts
        try (Cluster cluster = kafka.open()) {
            Results r = BatchRun.execute(cluster, sources, fetch.toConfig(!denyPrivate), stateDir, streams,
                    Duration.ofSeconds(timeoutSeconds), System.err);
            r.writeTo(out);
            System.err.println("wrote " + out.resolve("articles.jsonl") + ", stories.jsonl, status.json");
        }
        return 0;
    }
}
