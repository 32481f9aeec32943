package io.wirewatch.app.bench;

import io.wirewatch.app.broker.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the bench's per-stage figures rest on: thread groups, the broker's request meters, its cleaner map. */
class BenchInstrumentsTest {

    @Test
    void threadsAreGroupedByApplicationAndBrokerRole() {
        List<String> apps = List.of("wirewatch-enrich-bench", "wirewatch-aggregate-bench");
        assertThat(Benchmark.ThreadCpu.javaGroup("wirewatch-enrich-bench-5f1c-StreamThread-1", apps))
                .isEqualTo("wirewatch-enrich-bench stream threads");
        assertThat(Benchmark.ThreadCpu.javaGroup(
                "kafka-producer-network-thread | wirewatch-aggregate-bench-77-StreamThread-1-producer", apps))
                .isEqualTo("wirewatch-aggregate-bench producer network");
        assertThat(Benchmark.ThreadCpu.javaGroup("data-plane-kafka-request-handler-3", apps))
                .isEqualTo("broker request handlers");
        assertThat(Benchmark.ThreadCpu.javaGroup("kafka-log-cleaner-thread-0", apps)).isEqualTo("broker log cleaner");
        assertThat(Benchmark.ThreadCpu.javaGroup("kafka-producer-network-thread | producer-2", apps))
                .isEqualTo("other producers' network threads");
        assertThat(Benchmark.ThreadCpu.javaGroup("kafka-scheduler-12", apps)).isEqualTo("kafka-scheduler-#");
        assertThat(Benchmark.ThreadCpu.nativeGroup("C2 CompilerThre")).isEqualTo("JIT compilers (native)");
        assertThat(Benchmark.ThreadCpu.nativeGroup("GC Thread#1")).isEqualTo("GC (native)");
        assertThat(Benchmark.ThreadCpu.nativeGroup("rocksdb:low")).isEqualTo("RocksDB flush/compaction (native)");
        // Java threads are counted by their Java names, not a second time by their kernel names
        assertThat(Benchmark.ThreadCpu.nativeGroup("data-plane-kafk")).isNull();
    }

    @Test
    void embeddedBrokerCountsRequestsAndUsesASmallCleanerMap() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, Long> before = Benchmark.brokerRequests();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(String.valueOf(16 * 1024 * 1024));
            // the broker counts a request once its response is sent, which can be after the client has it
            long was = before.getOrDefault("DescribeConfigs", 0L);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long now;
            while ((now = Benchmark.brokerRequests().getOrDefault("DescribeConfigs", 0L)) <= was
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(now).isGreaterThan(was);
        }
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.kafka.server.ReplicaManager")).isEqualTo("off");
    }
}
