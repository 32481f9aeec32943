package io.wirewatch.app.pipeline;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import io.wirewatch.common.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decides that a chain of exactly-once stream processors has caught up. Under EOS the committed
 * offset never equals the log end (transaction markers sit in between), so instead a read_committed
 * consumer looks for any real record at or after each group's committed offset. Stages are checked
 * in data-flow order: a stage commits its input offsets atomically with its output, so once stage n
 * has nothing pending, everything it will ever write for this input is already visible to stage n+1.
 */
public final class Quiescence implements AutoCloseable {

    public record Stage(String groupId, List<String> topics) {}

    /**
     * One stage per sub-topology, in the order the builder created them (the data flow). Internal
     * topics appear in the description without the application-id prefix they carry on the broker.
     */
    public static List<Stage> stagesOf(String applicationId, Topology topology) {
        Set<String> contract = new HashSet<>();
        Topics.ALL.forEach(t -> contract.add(t.name()));
        List<Stage> stages = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            List<String> topics = new ArrayList<>();
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    for (String t : source.topicSet()) {
                        topics.add(contract.contains(t) ? t : applicationId + "-" + t);
                    }
                }
            }
            stages.add(new Stage(applicationId, topics));
        }
        return stages;
    }

    private final List<Stage> stages;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;

    public Quiescence(String bootstrap, List<Stage> stages) {
        this.stages = stages;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // one record answers the question; the broker still returns a whole first batch however large, so
        // small fetches lose nothing, while 8 MB ones re-read megabytes of backlog on every 100 ms pass
        // and took a share of the cores from the pipeline being waited for
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024);
        this.probe = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits for two quiet passes in a row; {@code healthCheck} runs before each pass and may throw. */
    public void await(java.time.Duration timeout, Runnable healthCheck) throws InterruptedException {
        await(System.nanoTime() + timeout.toNanos(), healthCheck);
    }

    void await(long deadlineNanos, Runnable healthCheck) throws InterruptedException {
        int quietPasses = 0;
        // two clean passes in a row: the second confirms no stage was mid-commit during the first
        while (quietPasses < 2) {
            healthCheck.run();
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("the pipeline did not finish processing in time");
            }
            boolean quiet = true;
            for (Stage stage : stages) {
                if (pending(stage)) {
                    quiet = false;
                    break;
                }
            }
            quietPasses = quiet ? quietPasses + 1 : 0;
            Thread.sleep(quiet ? 200 : 100);
        }
    }

    private boolean pending(Stage stage) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : stage.topics()) {
                List<PartitionInfo> infos = probe.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    return true; // internal topics appear once the application has started
                }
                infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            }
            probe.assign(parts);
            Map<TopicPartition, Long> ends = probe.endOffsets(parts); // the last stable offset, under read_committed
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
            // only transaction markers may lie between the committed offset and the end: read up to the end
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!toScan.isEmpty() && System.nanoTime() < until) {
                ConsumerRecords<byte[], byte[]> recs = probe.poll(Duration.ofMillis(100));
                if (!recs.isEmpty()) {
                    return true;
                }
                toScan.removeIf(tp -> probe.position(tp) >= ends.getOrDefault(tp, 0L));
            }
            return !toScan.isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
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
