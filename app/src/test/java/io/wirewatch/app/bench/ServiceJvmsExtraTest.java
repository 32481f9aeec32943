package io.wirewatch.app.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The experiment hook of {@code bench --service-jvms}: extra JVM options for one service's JVM. */
class ServiceJvmsExtraTest {

    @Test
    void aServicesJvmFileAddsItsOptionsAndOnlyToThatService(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("aggregate-alone.jvm"), " -XX:G1HeapRegionSize=2m\n  -Dx=1 \n");
        List<String> options = ServiceJvms.jvmOptions(dir, "aggregate-alone");
        assertThat(options).containsExactly("-XX:G1HeapRegionSize=2m", "-Dx=1");
        assertThat(ServiceJvms.jvmOptions(dir, "enrich")).isEmpty();
        assertThat(ServiceJvms.jvmOptions(null, "aggregate-alone")).isEmpty();

        List<String> command = ServiceJvms.command("aggregate", "id", "127.0.0.1:9092", dir, dir.resolve("c.properties"),
                dir.resolve("gc.log"), "512m", 3, (short) 1, options);
        // JVM options go before the main class, or the service would take them for its own arguments
        int main = command.indexOf(io.wirewatch.app.Wirewatch.class.getName());
        assertThat(command.indexOf("-XX:G1HeapRegionSize=2m")).isBetween(1, main - 1);
        assertThat(command.indexOf("-Dx=1")).isBetween(1, main - 1);
    }
}
