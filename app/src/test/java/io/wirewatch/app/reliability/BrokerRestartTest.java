package io.wirewatch.app.reliability;

import io.wirewatch.app.broker.EmbeddedKafka;
import io.wirewatch.app.pipeline.Quiescence;
import io.wirewatch.common.Topics;
import io.wirewatch.common.kafka.TopicAdmin;
import io.wirewatch.common.model.RawArticle;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broker restart: enrich and aggregate run as separate JVMs (the real commands) while the broker is
 * stopped mid-run and started again on the same ports and data directory. Nobody touches the
 * services: they must stay up, become ready again by themselves, and the committed outputs must
 * equal an undisturbed run's (every article enriched exactly once, the same enrichment and tables).
 * Their /ready endpoint is watched throughout.
 *
 * <p>Default: 150 articles, 2 broker restarts, each down for 3 to 6 s. With
 * {@code -Dwirewatch.soak=true}: 600 articles, 5 restarts, down for up to 20 s.
 */
class BrokerRestartTest {

    @Test
    void servicesRecoverFromBrokerRestartsWithNothingLostOrDoubled() throws Exception {
        int n = ReliabilityRuns.SOAK ? 600 : 150;
        int restarts = ReliabilityRuns.SOAK ? 5 : 2;
        long seed = Long.getLong("wirewatch.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<RawArticle> articles = ArticleGenerator.generate(n, 17);
        List<String> ids = articles.stream().map(RawArticle::id).toList();
        Path work = ReliabilityRuns.workDir("broker-restart");
        System.out.printf("[broker] seed=%d articles=%d restarts=%d logs=%s%n", seed, n, restarts, work);

        Outputs clean = ReliabilityRuns.cleanRun(articles, 3);

        long t0 = System.nanoTime();
        Outputs restarted;
        long maxReadyAgainMs = 0;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bs = kafka.bootstrapServers();
            TopicAdmin.ensureTopics(bs, 3, (short) 1);
            KafkaIO.keepHistory(bs);
            Path config = ServiceProcess.fastFailoverConfig(work);
            List<List<RawArticle>> batches = CrashRecoveryTest.batches(articles, restarts + 1);
            try (ServiceProcess enrich = new ServiceProcess("enrich", bs, work.resolve("enrich-state"), config, work);
                 ServiceProcess aggregate = new ServiceProcess("aggregate", bs, work.resolve("aggregate-state"), config, work)) {
                KafkaIO.produce(bs, batches.get(0));
                enrich.start();
                aggregate.start();
                int enrichPort = enrich.managementPort(60_000);
                int aggregatePort = aggregate.managementPort(60_000);
                for (int round = 0; round < restarts; round++) {
                    Http.await(enrichPort, "/ready", 200, 120_000);
                    Http.await(aggregatePort, "/ready", 200, 120_000);
                    // mid-run: the services are working through the batch (they commit every 100 ms)
                    Thread.sleep(500 + rnd.nextInt(2500));
                    kafka.stop();
                    long down = (ReliabilityRuns.SOAK ? 3000 + rnd.nextInt(17_000) : 3000 + rnd.nextInt(3000));
                    Thread.sleep(down);
                    enrich.assertAlive();
                    aggregate.assertAlive();
                    assertThat(Http.get(enrichPort, "/health").status()).as("enrich live while the broker is down").isEqualTo(200);
                    assertThat(Http.get(aggregatePort, "/health").status()).as("aggregate live while the broker is down").isEqualTo(200);
                    kafka.restart();
                    long back = System.nanoTime();
                    KafkaIO.produce(bs, batches.get(round + 1));
                    Http.await(enrichPort, "/ready", 200, 120_000);
                    Http.await(aggregatePort, "/ready", 200, 120_000);
                    maxReadyAgainMs = Math.max(maxReadyAgainMs, (System.nanoTime() - back) / 1_000_000);
                    System.out.printf("[broker] restart %d: down %d ms, both ready again (%.0f s)%n",
                            round + 1, down, (System.nanoTime() - t0) / 1e9);
                }
                try (Quiescence quiet = new Quiescence(bs, ReliabilityRuns.pipelineStages())) {
                    quiet.await(Duration.ofMinutes(ReliabilityRuns.SOAK ? 15 : 4), () -> {
                        enrich.assertAlive();
                        aggregate.assertAlive();
                    });
                }
                restarted = Outputs.read(bs);
                assertThat(KafkaIO.countsByKey(bs, Topics.RAW).values())
                        .as("input: each article written once").hasSize(n).containsOnly(1);
                assertThat(deadLetters(bs)).as("dead letters").isZero();
            }
        }

        assertThat(restarted.notExactlyOnce(ids)).as("ids without exactly one committed enriched record").isEmpty();
        assertThat(restarted.enrichedById()).as("enriched articles (without story fields)").isEqualTo(clean.enrichedById());
        assertThat(restarted.statusById()).as("status tables").isEqualTo(clean.statusById());
        assertThat(restarted.storyProblems()).as("stories").isEmpty();
        System.out.printf("[broker] RESULT restarts=%d articles=%d enriched_exactly_once=%d organizations=%d "
                        + "status_rows=%d max_ready_again_ms=%d run_s=%.1f%n",
                restarts, n, restarted.enrichedCountsById().size(), restarted.statusById().size(),
                restarted.statusRows(), maxReadyAgainMs, (System.nanoTime() - t0) / 1e9);
    }

    private static int deadLetters(String bs) {
        return KafkaIO.readAll(bs, Topics.DLQ).size();
    }
}
