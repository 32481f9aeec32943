package io.wirewatch.app.reliability;

import io.wirewatch.app.pipeline.Quiescence;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.enrich.EnrichService;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out over 6 partitions: two instances each of enrich and aggregate share the work through their
 * consumer groups; one instance of each is closed mid-run (a rebalance moves its tasks, and their
 * state, to the survivor). The tables must equal those of one instance of each over the same input,
 * with every article enriched exactly once. Default 240 articles; soak 1200.
 */
class ScaleOutTest {

    @Test
    void twoInstancesGiveTheSameTablesAsOneAndARebalanceLosesNothing() throws Exception {
        int n = ReliabilityRuns.SOAK ? 1200 : 240;
        List<RawArticle> articles = ArticleGenerator.generate(n, 4242);
        List<String> ids = articles.stream().map(RawArticle::id).toList();

        long t1 = System.nanoTime();
        Outputs single = ReliabilityRuns.cleanRun(articles, 6);
        double singleSeconds = (System.nanoTime() - t1) / 1e9;

        long t0 = System.nanoTime();
        Outputs scaled;
        List<KafkaStreams> instances = new ArrayList<>();
        try (Cluster cluster = Cluster.open(null, 6, (short) 1)) {
            String bs = cluster.bootstrap();
            KafkaIO.keepHistory(bs);
            List<List<RawArticle>> halves = CrashRecoveryTest.batches(articles, 2);
            KafkaIO.produce(bs, halves.get(0));
            KafkaStreams enrichA = EnrichService.create(bs, props("enrich-a"));
            KafkaStreams enrichB = EnrichService.create(bs, props("enrich-b"));
            KafkaStreams aggregateA = AggregateService.create(bs, props("aggregate-a"));
            KafkaStreams aggregateB = AggregateService.create(bs, props("aggregate-b"));
            instances.addAll(List.of(enrichA, enrichB, aggregateA, aggregateB));
            instances.forEach(KafkaStreams::start);
            try (Quiescence quiet = new Quiescence(bs, ReliabilityRuns.pipelineStages())) {
                awaitRunning(instances);
                int enrichTasks = enrichB.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
                int aggregateTasks = aggregateB.metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
                System.out.printf("[scale] second instances own %d enrich and %d aggregate tasks%n", enrichTasks, aggregateTasks);
                assertThat(enrichTasks + aggregateTasks).as("the second instances share the work").isPositive();
                // mid-run: the second half arrives, and one instance of each service leaves
                KafkaIO.produce(bs, halves.get(1));
                Thread.sleep(1500);
                CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30));
                enrichB.close(leave);
                aggregateB.close(leave);
                quiet.await(Duration.ofMinutes(ReliabilityRuns.SOAK ? 10 : 3), () -> {
                    for (KafkaStreams s : List.of(enrichA, aggregateA)) {
                        KafkaStreams.State st = s.state();
                        if (st == KafkaStreams.State.ERROR || st == KafkaStreams.State.NOT_RUNNING) {
                            throw new AssertionError("a surviving instance stopped: " + st);
                        }
                    }
                });
                scaled = Outputs.read(bs);
            } finally {
                instances.forEach(s -> s.close(Duration.ofSeconds(20)));
            }
        }
        double scaledSeconds = (System.nanoTime() - t0) / 1e9;

        assertThat(single.notExactlyOnce(ids)).as("one instance: ids without exactly one enriched record").isEmpty();
        assertThat(scaled.notExactlyOnce(ids)).as("two instances: ids without exactly one enriched record").isEmpty();
        assertThat(scaled.enrichedById()).as("enriched articles (without story fields)").isEqualTo(single.enrichedById());
        assertThat(scaled.statusById()).as("status tables").isEqualTo(single.statusById());
        assertThat(scaled.storyProblems()).as("stories partition the articles").isEmpty();
        System.out.printf("[scale] RESULT articles=%d partitions=6 instances=2+2 closed_mid_run=1+1 enriched_exactly_once=%d "
                        + "organizations=%d status_rows=%d single_run_s=%.1f scaled_run_s=%.1f%n",
                n, scaled.enrichedCountsById().size(), scaled.statusById().size(), scaled.statusRows(),
                singleSeconds, scaledSeconds);
    }

    private static Properties props(String name) throws java.io.IOException {
        Properties p = new Properties();
        Path dir = Files.createTempDirectory("wirewatch-scale-" + name + "-");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1500);
        return p;
    }

    private static void awaitRunning(List<KafkaStreams> all) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (all.stream().anyMatch(s -> s.state() != KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instances did not all reach RUNNING");
            }
            Thread.sleep(100);
        }
    }
}
