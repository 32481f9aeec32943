package io.wirewatch.app.cli;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.api.LocalStoreStatusSource;
import io.wirewatch.aggregate.api.StatusHttpServer;
import io.wirewatch.aggregate.status.TableBound;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "The aggregate service (Kafka Streams): news.enriched.v1 and news.stories.v1 -> "
                + "per-organization status tables on org.status.v1, served over HTTP (API and dashboard). Runs until stopped.")
public final class AggregateCommand extends StreamsServiceCommand implements Callable<Integer> {

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:WIREWATCH_HTTP_PORT:-8080}",
            description = "Port of the status API and dashboard (0: any free port). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", defaultValue = "${env:WIREWATCH_HTTP_BIND:-0.0.0.0}",
            description = "Address the HTTP server binds. Default: ${DEFAULT-VALUE}.")
    String httpBind;

    @Option(names = "--max-table-bytes", paramLabel = "BYTES", defaultValue = "${env:WIREWATCH_STATUS_MAX_TABLE_BYTES}",
            description = "Largest org.status.v1 value, in bytes of JSON, from " + TableBound.MIN_MAX_BYTES + " to "
                    + TableBound.MAX_MAX_BYTES + " (env WIREWATCH_STATUS_MAX_TABLE_BYTES; overrides "
                    + TableBound.MAX_BYTES_CONFIG + " of --config). Default: " + TableBound.DEFAULT_MAX_BYTES + ".")
    String maxTableBytes;

    @Mixin DecodedBytesOptions decodedBytes;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.requireBootstrap("aggregate");
        Properties overrides = serviceOverrides(); // configuration mistakes fail before Kafka is contacted
        kafka.open().close();
        KafkaStreams streams = AggregateService.create(bootstrap, overrides);
        StatusHttpServer http;
        try {
            http = new StatusHttpServer(new LocalStoreStatusSource(streams,
                    overrides.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG)), httpBind, httpPort).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve HTTP on " + httpBind + ":" + httpPort
                    + " (" + e.getMessage() + "); set --http-port / WIREWATCH_HTTP_PORT to a free port");
        }
        try {
            return runUntilStopped(streams, "aggregate");
        } finally {
            http.close();
        }
    }

    /** {@link #overrides()} with the table and decoded budgets of the options or their variables, checked as the service will. */
    Properties serviceOverrides() {
        Properties overrides = overrides();
        if (maxTableBytes != null) {
            try {
                TableBound.maxBytes(Map.of(TableBound.MAX_BYTES_CONFIG, maxTableBytes));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--max-table-bytes / WIREWATCH_STATUS_MAX_TABLE_BYTES: " + e.getMessage());
            }
            overrides.put(TableBound.MAX_BYTES_CONFIG, maxTableBytes);
        }
        decodedBytes.applyTo(overrides);
        AggregateService.validate(overrides); // its message names the setting and where it was read
        return overrides;
    }

    @Override
    int defaultManagementPort() {
        return ManagementOptions.AGGREGATE_PORT;
    }
}
