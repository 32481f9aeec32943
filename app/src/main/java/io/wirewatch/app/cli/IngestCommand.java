package io.wirewatch.app.cli;

import io.wirewatch.common.ops.Health;
import io.wirewatch.common.ops.ManagementServer;
import io.wirewatch.ingest.IngestConfig;
import io.wirewatch.ingest.IngestService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "The ingest service: discovers articles in the sources every interval, fetches them "
                + "politely, extracts them and publishes news.raw.v1. Runs until stopped.")
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--source", paramLabel = "SRC", arity = "1..*",
            description = "Feeds, sitemaps, URL lists or local paths (repeatable); also env WIREWATCH_SOURCES, comma-separated.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--interval-seconds", defaultValue = "${env:WIREWATCH_INTERVAL_SECONDS:-300}",
            description = "Time between two discovery passes. Default: ${DEFAULT-VALUE}.")
    long intervalSeconds;

    @Option(names = "--once", description = "One pass over the sources and the frontier, then exit.")
    boolean once;

    @Option(names = "--allow-private-addresses", defaultValue = "${env:WIREWATCH_ALLOW_PRIVATE_ADDRESSES:-false}",
            description = "Fetch URLs on private and loopback addresses (refused by default).")
    boolean allowPrivate;

    @Mixin KafkaOptions kafka;
    @Mixin FetchOptions fetch;
    @Mixin ManagementOptions management;

    @Override
    public Integer call() {
        String env = System.getenv("WIREWATCH_SOURCES");
        if (env != null && !env.isBlank()) {
            Arrays.stream(env.split(",")).map(String::trim).filter(s -> !s.isEmpty() && !sources.contains(s)).forEach(sources::add);
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("ingest needs at least one --source (or WIREWATCH_SOURCES)");
        }
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("--interval-seconds must be at least 1");
        }
        String bootstrap = kafka.requireBootstrap("ingest");
        management.validate();
        kafka.open().close(); // topics exist before the first publish
        AtomicBoolean stop = new AtomicBoolean();
        try (IngestService service = new IngestService(new IngestConfig(bootstrap, sources, fetch.toConfig(allowPrivate)))) {
            if (once) {
                IngestService.Summary s = service.runOnce();
                System.err.println("ingest: " + s);
                return s.failed() == 0 ? 0 : 1;
            }
            AtomicBoolean running = new AtomicBoolean(true);
            ManagementServer http = management.start(ManagementOptions.INGEST_PORT,
                    Health.ofClients(() -> running.get() && !stop.get()), "ingest");
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.set(true);
                try {
                    main.join(30_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "ingest-shutdown"));
            try (http) {
                service.runForever(Duration.ofSeconds(intervalSeconds), stop);
            } finally {
                running.set(false);
            }
        }
        return 0;
    }
}
