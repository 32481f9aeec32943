package io.wirewatch.app.bench;

import io.wirewatch.app.broker.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bench --service-jvms}: enrich and aggregate as child JVMs of the real commands, on the in-process broker. */
class ServiceJvmsBenchTest {

    private static final Pattern STARTED = Pattern.compile("bench: (enrich|aggregate) runs in its own JVM \\(pid (\\d+),");

    @Test
    void eachServiceRunsInItsOwnJvmAndReportsItsFigures(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("jvms");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Benchmark.Result result;
        try (Cluster cluster = Cluster.open(null, 3, (short) 1)) {
            result = new Benchmark(cluster.bootstrap(), options(dir, "256m", logs), tee(err)).run();
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(result.line()).matches("articles=200 articles_per_s=[1-9][0-9]* passthrough_per_s=[1-9][0-9]* ratio=[0-9]+\\.[0-9]{2}");
        assertThat(result.pipeline().records()).isEqualTo(200);
        for (String service : List.of("enrich", "aggregate")) {
            assertThat(out).containsPattern("bench: service " + service + " \\(own JVM, pid [0-9]+, -Xmx256m\\): "
                    + "CPU [1-9][0-9]*\\.[0-9] s over [0-9.]+ s wall \\([0-9.]+ cores; GC threads [0-9.]+ s = [0-9]+%, "
                    + "JIT [0-9.]+ s, RocksDB [0-9.]+ s\\), peak RSS [1-9][0-9]* MB; GC log: [1-9][0-9]* GCs \\([0-9]+ full\\), "
                    + "[0-9]+ pauses taking [0-9.]+ s, largest heap after a GC [1-9][0-9]* MB, after a full GC ");
            // the real command ran, with its management endpoint on the loopback only, and its GC log is kept
            assertThat(Files.readString(logs.resolve(service + ".log")))
                    .contains(service + ": management endpoint on http://127.0.0.1:");
            assertThat(GcLog.read(logs.resolve(service + "-gc.log")).collections()).isPositive();
        }
        assertThat(out).contains("bench: dead letters: 0 records");
        assertStopped(out);
    }

    @Test
    void aServiceThatRunsOutOfHeapFailsTheBenchNamingItAndItsLog(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Cluster cluster = Cluster.open(null, 3, (short) 1)) {
            assertThatThrownBy(() -> new Benchmark(cluster.bootstrap(), options(dir, "12m", null), tee(err)).run())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageMatching("the (enrich|aggregate) service JVM \\(pid [0-9]+, -Xmx12m\\) exited early with code 3, "
                            + "out of memory; see its log .*(enrich|aggregate)\\.log \\(GC log .*\\).*OutOfMemoryError.*");
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("bench: the service JVMs' output and GC logs are kept in ");
        assertStopped(out);
    }

    private static Benchmark.Options options(Path dir, String heap, Path logs) {
        return new Benchmark.Options(200, 7, dir.resolve("state"), Duration.ofMinutes(4), (short) 1, true,
                false, 1, false, heap, logs);
    }

    /** Both children were started and none is left running. */
    private static void assertStopped(String out) {
        Matcher m = STARTED.matcher(out);
        List<Long> pids = new ArrayList<>();
        while (m.find()) {
            pids.add(Long.parseLong(m.group(2)));
        }
        assertThat(pids).hasSize(2);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
        }
    }

    /** The bench's log, kept for the assertions and shown on stderr as it goes. */
    private static PrintStream tee(ByteArrayOutputStream kept) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                kept.write(b);
                System.err.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                kept.write(b, off, len);
                System.err.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }
}
