package io.wirewatch.app.cli;

import io.wirewatch.common.kafka.StreamsConfigCheck;
import io.wirewatch.common.ops.Health;
import io.wirewatch.common.ops.ManagementServer;
import io.wirewatch.common.ops.Meters;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/** What the enrich and aggregate services share: options, Streams overrides, management endpoint, run until stopped. */
abstract class StreamsServiceCommand {

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:WIREWATCH_STATE_DIR:-${sys:java.io.tmpdir}/wirewatch-state}",
            description = "Kafka Streams state directory. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--application-id", paramLabel = "ID", description = "Streams application id (consumer group); default per service.")
    String applicationId;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of Kafka Streams settings that override the defaults (e.g. num.stream.threads).")
    Path configFile;

    @Mixin KafkaOptions kafka;
    @Mixin ManagementOptions management;

    /** Overrides on top of the service's defaults (state dir, then the user's file), checked; also checks the management options. */
    Properties overrides() {
        Properties p = new Properties();
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        if (applicationId != null) {
            if (applicationId.isBlank()) {
                throw new IllegalArgumentException("--application-id must not be blank");
            }
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        }
        if (configFile != null) {
            if (!Files.isRegularFile(configFile) || !Files.isReadable(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + " is not a readable file");
            }
            try (InputStream in = Files.newInputStream(configFile)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // Properties.load throws IllegalArgumentException on a malformed \\uXXXX escape
                throw new IllegalArgumentException("cannot read --config " + configFile + ": " + e.getMessage());
            }
        }
        try {
            StreamsConfigCheck.validate(p);
        } catch (ConfigException e) {
            throw new IllegalArgumentException((configFile == null ? "" : "--config " + configFile + ": ")
                    + e.getMessage() + " (fix or remove that setting)");
        }
        management.validate();
        return p;
    }

    /** The service's default management port (see {@link ManagementOptions}). */
    abstract int defaultManagementPort();

    /**
     * Serves the management endpoint, starts the application, and blocks until the JVM is asked to
     * stop or the application dies.
     */
    int runUntilStopped(KafkaStreams streams, String name) throws InterruptedException {
        ManagementServer http;
        try {
            http = management.start(defaultManagementPort(), Health.of(streams), name);
        } catch (RuntimeException e) {
            streams.close(Duration.ZERO);
            throw e;
        }
        CountDownLatch done = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                done.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            done.countDown();
        }, name + "-shutdown"));
        try (http; Meters.Binding metrics = Meters.bind(streams)) {
            streams.start();
            done.await();
        }
        return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
