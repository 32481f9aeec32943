package io.wirewatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.common.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as users meet it: help, extraction without Kafka, and configuration mistakes. */
class WirewatchCliTest {

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = Wirewatch.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"demo", "run", "extract", "ingest", "enrich", "aggregate", "replay", "bench"}) {
            CommandLine cli = Wirewatch.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            assertThat(cli.execute(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: wirewatch " + command);
        }
    }

    @Test
    void extractPrintsOneJsonObjectPerPage(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.html");
        try (InputStream in = getClass().getResourceAsStream(
                "/demo-site/northline/2025/04/21/russia-lifts-taliban-ban.html")) {
            Files.write(page, in.readAllBytes());
        }
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int rc;
        try {
            rc = execute("extract", "--url", "http://127.0.0.1/northline/2025/04/21/russia-lifts-taliban-ban.html",
                    page.toString());
        } finally {
            System.setOut(previous);
        }
        assertThat(rc).isZero();
        String[] lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode json = Json.MAPPER.readTree(lines[0]);
        assertThat(json.get("file").asText()).isEqualTo(page.toString());
        assertThat(json.get("published").asText()).startsWith("2025-04-21");
        assertThat(json.get("outlet").asText()).isEqualTo("Northline Review");
        assertThat(json.get("title").asText()).containsIgnoringCase("Taliban");
        assertThat(json.get("text").asText()).contains("Supreme Court").hasSizeGreaterThan(500);
    }

    @Test
    void badConfigurationFailsAtStartWithWhatToFix() {
        assertThat(execute("run", "--source", "x", "--out", "o", "--partitions", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--partitions must be at least 1");

        assertThat(execute("run", "--source", "x", "--out", "o", "--bootstrap-server", "no-port-here")).isEqualTo(2);
        assertThat(err.toString()).contains("host:port");

        assertThat(execute("enrich")).isEqualTo(2);
        assertThat(err.toString()).contains("needs --bootstrap-server");

        // refused before a broker is started
        assertThat(execute("bench", "--service-jvms", "--service-heap", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--service-heap must be a JVM heap size such as 512m");
        assertThat(execute("bench", "--service-jvms", "--stories-alone")).isEqualTo(2);
        assertThat(err.toString()).contains("--service-jvms runs the enrich + aggregate stage");
        assertThat(execute("bench", "--service-jvms", "--service-extra", "no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).contains("--service-extra must be a directory");
    }

    @Test
    void benchHelpDocumentsTheServiceJvms() {
        CommandLine cli = Wirewatch.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("bench", "--help")).isZero();
        assertThat(out.toString()).contains("--service-jvms").contains("--service-heap=SIZE").contains("--service-logs=DIR")
                .contains("--service-extra=DIR").contains("Default: 512m");
    }
}
