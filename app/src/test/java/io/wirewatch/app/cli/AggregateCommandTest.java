package io.wirewatch.app.cli;

import io.wirewatch.aggregate.status.TableBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table budget reaches the aggregate service from its option (or variable) and from --config, the option winning. */
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
}
