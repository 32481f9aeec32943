package io.wirewatch.app.reliability;

import io.wirewatch.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test's own quiescence probe for services running anywhere (other JVMs included): for each
 * consumer group and each of its input topics (contract and internal repartition topics), a
 * read_committed consumer finds no record at or after the group's committed offset. Checked in
 * data-flow order, and twice in a row.
 */
final class Quiet implements AutoCloseable {

    record Stage(String group, List<String> topics) {}

    static List<Stage> pipelineStages(String enrichId, String aggregateId) {
        return List.of(
                new Stage(enrichId, List.of(Topics.RAW)),
                new Stage(enrichId, List.of(enrichId + "-story-assignment-repartition")),
                new Stage(aggregateId, List.of(Topics.ENRICHED, Topics.STORIES)),
                new Stage(aggregateId, List.of(aggregateId + "-by-organization-repartition")));
    }

    private final List<Stage> stages;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    Quiet(String bootstrap, List<Stage> stages) {
        this.stages = stages;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        this.probe = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits for two quiet passes in a row; {@code health} runs before each pass and may throw. */
    void await(Duration timeout, Runnable health) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        String lastPending = "";
        while (quiet < 2) {
            health.run();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not processed within " + timeout + "; still pending: " + lastPending);
            }
            String pending = firstPending();
            lastPending = pending == null ? "" : pending;
            quiet = pending == null ? quiet + 1 : 0;
            Thread.sleep(pending == null ? 300 : 200);
        }
    }

    private String firstPending() {
        for (Stage s : stages) {
            if (pending(s)) {
                return s.toString();
            }
        }
        return null;
    }

    private boolean pending(Stage stage) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.group())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : stage.topics()) {
                List<PartitionInfo> infos = probe.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    return true;
                }
                infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            }
            probe.assign(parts);
            Map<TopicPartition, Long> ends = probe.endOffsets(parts);
            List<TopicPartition> toScan = new ArrayList<>();
            for (TopicPartition tp : parts) {
                OffsetAndMetadata om = committed.get(tp);
                long from = om == null ? 0L : om.offset();
                if (ends.getOrDefault(tp, 0L) > from) {
                    probe.seek(tp, from);
                    toScan.add(tp);
                } else {
                    probe.pause(List.of(tp));
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!toScan.isEmpty() && System.nanoTime() < until) {
                if (!probe.poll(Duration.ofMillis(100)).isEmpty()) {
                    return true;
                }
                toScan.removeIf(tp -> probe.position(tp) >= ends.getOrDefault(tp, 0L));
            }
            return !toScan.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            return true;
        } finally {
            probe.unsubscribe();
        }
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
