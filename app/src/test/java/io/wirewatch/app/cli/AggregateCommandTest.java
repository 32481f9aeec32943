package io.wirewatch.app.cli;

import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.aggregate.status.TableBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table budget and the decoded-value budget reach the aggregate service from their options (or variables) and
 * from --config, the option winning.
 */
class AggregateCommandTest {

    private static Properties overrides(String... args) {
        AggregateCommand cmd = new AggregateCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.serviceOverrides();
    }

    @Test
    void theOptionSetsTheBudgetAndWinsOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("streams.properties"), TableBound.MAX_BYTES_CONFIG + "=30000\n");
        assertThat(overrides("--max-table-bytes", "20000").get(TableBound.MAX_BYTES_CONFIG)).isEqualTo("20000");
        assertThat(overrides("--config", file.toString()).get(TableBound.MAX_BYTES_CONFIG)).isEqualTo("30000");
        assertThat(overrides("--config", file.toString(), "--max-table-bytes", "20000").get(TableBound.MAX_BYTES_CONFIG))
                .isEqualTo("20000");
    }

    @Test
    void aBudgetOutOfRangeNamesWhereItCameFrom(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> overrides("--max-table-bytes", "100"))
                .hasMessageStartingWith("--max-table-bytes / WIREWATCH_STATUS_MAX_TABLE_BYTES: " + TableBound.MAX_BYTES_CONFIG)
                .hasMessageContaining("not '100'");
        Path file = Files.writeString(dir.resolve("streams.properties"), TableBound.MAX_BYTES_CONFIG + "=big\n");
        assertThatThrownBy(() -> overrides("--config", file.toString()))
                .hasMessageStartingWith(TableBound.MAX_BYTES_CONFIG).hasMessageContaining("not 'big'");
    }

    private static final String DECODED_ENV = "WIREWATCH_STATUS_DECODED_BYTES";

    private static Properties overrides(Map<String, String> env, String... args) {
        return TestEnvironment.parse(new AggregateCommand(), env, args).serviceOverrides();
    }

    @Test
    void theDecodedBudgetOptionDefaultsToItsVariableAndWinsOverTheConfigFile(@TempDir Path dir) throws Exception {
        assertThat(StatusFoldProcessor.DECODED_BYTES_ENV).isEqualTo(DECODED_ENV);
        assertThat(TestEnvironment.declaredDefault(new AggregateCommand(), "--decoded-bytes"))
                .isEqualTo("${env:" + DECODED_ENV + "}");
        String key = StatusFoldProcessor.DECODED_BYTES_CONFIG;
        assertThat(overrides(Map.of(), "--decoded-bytes", "1048576").get(key)).isEqualTo("1048576");
        assertThat(overrides(Map.of(DECODED_ENV, "0")).get(key)).isEqualTo("0");
        assertThat(overrides(Map.of(DECODED_ENV, "0"), "--decoded-bytes", "2048").get(key)).isEqualTo("2048");
        Path file = Files.writeString(dir.resolve("streams.properties"), key + "=4096\n");
        assertThat(overrides(Map.of(), "--config", file.toString()).get(key)).isEqualTo("4096");
        assertThat(overrides(Map.of(DECODED_ENV, "8192"), "--config", file.toString()).get(key)).isEqualTo("8192");
    }

    @Test
    void aBadDecodedBudgetNamesTheOptionTheVariableTheRangeAndTheDefault() {
        String expected = "--decoded-bytes / " + DECODED_ENV + ": " + StatusFoldProcessor.DECODED_BYTES_CONFIG
                + " must be a number of bytes from 0 to 1099511627776 (the heap aggregate keeps decoded values in, "
                + "per task; default " + StatusFoldProcessor.DEFAULT_DECODED_BYTES + "), not '";
        assertThatThrownBy(() -> overrides(Map.of(), "--decoded-bytes", "24MB"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected + "24MB'");
        assertThatThrownBy(() -> overrides(Map.of(DECODED_ENV, "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected + "-1'");
    }
}
