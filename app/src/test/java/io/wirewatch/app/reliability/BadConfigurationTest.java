package io.wirewatch.app.reliability;

import io.wirewatch.app.Wirewatch;
import io.wirewatch.app.broker.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad configuration fails at start with exit code 2 and a message that names what to fix, before
 * any service runs: unreadable or malformed --config files, Streams and client settings of the wrong
 * type or value, invalid or taken ports, and missing required options. A service that started anyway
 * would block, so each case has a time limit.
 */
class BadConfigurationTest {

    /** Nothing listens here; the checks below must fail before Kafka is contacted. */
    private static final String NOWHERE = "127.0.0.1:1";

    private record Outcome(int code, String err) {}

    private static Outcome run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            StringWriter err = new StringWriter();
            CommandLine cli = Wirewatch.commandLine();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            int code = cli.execute(args);
            return new Outcome(code, err.toString());
        });
    }

    private static void assertFails(String expected, String... args) {
        Outcome o = run(args);
        assertThat(o.code()).as(String.join(" ", args) + "\n" + o.err()).isEqualTo(2);
        assertThat(o.err()).as(String.join(" ", args)).contains(expected).doesNotContain("\tat ");
    }

    @Test
    void unreadableOrMalformedConfigFiles(@TempDir Path dir) throws Exception {
        assertFails("is not a readable file", "enrich", "--bootstrap-server", NOWHERE,
                "--config", dir.resolve("missing.properties").toString());
        assertFails("is not a readable file", "enrich", "--bootstrap-server", NOWHERE, "--config", dir.toString());
        Path escape = Files.writeString(dir.resolve("escape.properties"), "client.id=\\u12zz\n", StandardCharsets.ISO_8859_1);
        assertFails("cannot read --config " + escape, "enrich", "--bootstrap-server", NOWHERE, "--config", escape.toString());
    }

    @Test
    void settingsOfTheWrongTypeOrValueNameTheSetting(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"num.stream.threads=many", "Invalid value many for configuration num.stream.threads"},
                {"processing.guarantee=exactly_twice", "processing.guarantee"},
                {"commit.interval.ms=-5", "commit.interval.ms"},
                {"consumer.session.timeout.ms=soon", "session.timeout.ms"},
                {"main.consumer.max.poll.records=0", "max.poll.records"},
                {"producer.compression.type=zip", "compression.type"},
                {"admin.request.timeout.ms=later", "request.timeout.ms"},
                {"default.deserialization.exception.handler=com.example.NoSuchHandler", "com.example.NoSuchHandler"},
                {"producer.wirewatch.max.record.bytes=-5", "producer.wirewatch.max.record.bytes"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("streams.properties"), c[0] + "\n");
            // both services check before contacting Kafka (nothing listens at NOWHERE)
            for (String service : new String[] {"enrich", "aggregate"}) {
                assertFails("--config " + file + ": ", service, "--bootstrap-server", NOWHERE, "--config", file.toString());
                assertFails(c[1], service, "--bootstrap-server", NOWHERE, "--config", file.toString());
            }
        }
    }

    @Test
    void aStoryWindowOutOfRangeFailsEnrichAtStartNamingTheSetting(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("streams.properties"), "wirewatch.stories.window.ms=60000\n");
        assertFails("wirewatch.stories.window.ms must be a number of milliseconds from 3600000 (an hour)",
                "enrich", "--bootstrap-server", NOWHERE, "--config", file.toString());
    }

    @Test
    void aStoryWindowOrDecodedBudgetOptionOutOfRangeFailsAtStartNamingTheOptionAndVariable() {
        String window = "--stories-window-ms / WIREWATCH_STORIES_WINDOW_MS: wirewatch.stories.window.ms must be a number "
                + "of milliseconds from 3600000 (an hour)";
        assertFails(window, "enrich", "--bootstrap-server", NOWHERE, "--stories-window-ms", "60000");
        // the batch commands check before they start a broker
        assertFails(window, "run", "--source", "in", "--out", "out", "--stories-window-ms", "60000");
        assertFails(window, "demo", "--stories-window-ms", "60000");
        assertFails("--decoded-bytes / WIREWATCH_STATUS_DECODED_BYTES: wirewatch.status.decoded.bytes must be a number of bytes",
                "aggregate", "--bootstrap-server", NOWHERE, "--decoded-bytes", "lots");
        assertFails("--decoded-bytes / WIREWATCH_STATUS_DECODED_BYTES", "bench", "--decoded-bytes", "-1");
    }

    @Test
    void invalidPortsAndMissingOptions() {
        assertFails("--management-port / WIREWATCH_MANAGEMENT_PORT must be a port between 0 and 65535 (got 70000)",
                "enrich", "--bootstrap-server", NOWHERE, "--management-port", "70000");
        assertFails("must be a port between 0 and 65535 (got -1)",
                "ingest", "--bootstrap-server", NOWHERE, "--source", "feed.urls", "--management-port", "-1");
        assertFails("Invalid value for option '--management-port'", "aggregate", "--management-port", "ninety");
        assertFails("host:port", "enrich", "--bootstrap-server", "broker:ninety-two");
        assertFails("needs --bootstrap-server", "aggregate");
        assertFails("needs --bootstrap-server", "ingest", "--source", "feed.urls");
        assertFails("ingest needs at least one --source", "ingest", "--bootstrap-server", NOWHERE);
        assertFails("--interval-seconds must be at least 1",
                "ingest", "--bootstrap-server", NOWHERE, "--source", "feed.urls", "--interval-seconds", "0");
        assertFails("--max-table-bytes / WIREWATCH_STATUS_MAX_TABLE_BYTES: wirewatch.status.max.table.bytes must be a number of bytes",
                "aggregate", "--bootstrap-server", NOWHERE, "--max-table-bytes", "1");
        assertFails("--application-id must not be blank", "enrich", "--bootstrap-server", NOWHERE, "--application-id", " ");
        assertFails("Missing required option: '--out=DIR'", "run", "--source", "in");
        assertFails("Possible solutions: --partitions", "run", "--source", "in", "--out", "o", "--partitons", "3");
    }

    @Test
    void onARealBrokerATakenPortOrABadSettingStopsTheServiceAtStart(@TempDir Path dir) throws Exception {
        try (Cluster cluster = Cluster.open(null, 1, (short) 1);
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String bs = cluster.bootstrap();
            String port = String.valueOf(taken.getLocalPort());
            assertFails("set --management-port / WIREWATCH_MANAGEMENT_PORT to a free port", "enrich",
                    "--bootstrap-server", bs, "--state-dir", dir.resolve("e").toString(),
                    "--management-bind", "127.0.0.1", "--management-port", port);
            assertFails("set --management-port / WIREWATCH_MANAGEMENT_PORT to a free port", "aggregate",
                    "--bootstrap-server", bs, "--state-dir", dir.resolve("a").toString(), "--http-port", "0",
                    "--management-bind", "127.0.0.1", "--management-port", port);
            Path file = Files.writeString(dir.resolve("streams.properties"), "num.stream.threads=many\n");
            assertFails("Invalid value many for configuration num.stream.threads", "aggregate",
                    "--bootstrap-server", bs, "--state-dir", dir.resolve("a").toString(), "--http-port", "0",
                    "--management-port", "0", "--config", file.toString());
        }
    }
}
