package io.wirewatch.app.reliability;

import io.wirewatch.app.pipeline.Quiescence;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.app.broker.Cluster;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.enrich.EnrichService;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once through crashes: enrich and aggregate run as separate JVMs (the real `enrich` and
 * `aggregate` commands) against a broker in this JVM, and are killed with SIGKILL at random points
 * while articles keep arriving, then restarted on the same state directories. Afterwards the
 * committed outputs must equal those of an undisturbed run over the same input on a fresh broker:
 * every article enriched exactly once, the same enrichment, the same stories and the same tables.
 *
 * <p>Default: 300 articles, 3 rounds of one kill of each service (6 SIGKILLs). With
 * {@code -Dwirewatch.soak=true}: 1500 articles, 8 rounds (16 SIGKILLs). The seed is printed and can
 * be replayed with {@code -Dwirewatch.seed=N}.
 */
class CrashRecoveryTest {

    @Test
    void killedServicesRecoverWithNothingLostOrDoubled() throws Exception {
        int n = ReliabilityRuns.SOAK ? 1500 : 300;
        int rounds = ReliabilityRuns.SOAK ? 8 : 3;
        long seed = Long.getLong("wirewatch.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<RawArticle> articles = ArticleGenerator.generate(n, 42);
        List<String> ids = articles.stream().map(RawArticle::id).toList();
        Path work = ReliabilityRuns.workDir("crash");
        System.out.printf("[crash] seed=%d articles=%d rounds=%d logs=%s%n", seed, n, rounds, work);

        // the reference first, while this JVM and the machine are otherwise idle
        long t1 = System.nanoTime();
        Outputs clean = ReliabilityRuns.cleanRun(articles, 3);
        double cleanSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("[crash] clean reference run: %.1f s%n", cleanSeconds);

        long t0 = System.nanoTime();
        Outputs crashed;
        int kills;
        try (Cluster cluster = Cluster.open(null, 3, (short) 1)) {
            String bs = cluster.bootstrap();
            KafkaIO.keepHistory(bs);
            System.out.printf("[crash] broker up (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
            Path config = ServiceProcess.fastFailoverConfig(work);
            try (ServiceProcess enrich = new ServiceProcess("enrich", bs, work.resolve("enrich-state"), config, work);
                 ServiceProcess aggregate = new ServiceProcess("aggregate", bs, work.resolve("aggregate-state"), config, work);
                 Quiescence quiet = new Quiescence(bs, ReliabilityRuns.pipelineStages())) {
                // the input arrives in rounds + 1 batches, one before the services start and one during each outage
                List<List<RawArticle>> batches = batches(articles, rounds + 1);
                KafkaIO.produce(bs, batches.get(0));
                enrich.start();
                aggregate.start();
                for (int round = 0; round < rounds; round++) {
                    // a random point after the service has started processing (it commits every 100 ms)
                    enrich.awaitRunning(60_000);
                    Thread.sleep(300 + rnd.nextInt(4000));
                    enrich.kill();
                    KafkaIO.produce(bs, batches.get(round + 1));
                    enrich.start();
                    aggregate.awaitRunning(60_000);
                    Thread.sleep(300 + rnd.nextInt(4000));
                    aggregate.kill();
                    Thread.sleep(rnd.nextInt(1000));
                    aggregate.start();
                    System.out.printf("[crash] round %d: killed and restarted enrich and aggregate (%.0f s)%n",
                            round + 1, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("[crash] waiting for quiescence (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
                quiet.await(Duration.ofMinutes(ReliabilityRuns.SOAK ? 15 : 4), () -> {
                    enrich.assertAlive();
                    aggregate.assertAlive();
                });
                kills = enrich.kills() + aggregate.kills();
                crashed = Outputs.read(bs);
                assertThat(KafkaIO.countsByKey(bs, io.wirewatch.common.Topics.RAW).values())
                        .as("input: each article written once").hasSize(n).containsOnly(1);
            }
        }
        double crashSeconds = (System.nanoTime() - t0) / 1e9;

        assertThat(clean.notExactlyOnce(ids)).as("clean run: ids without exactly one enriched record").isEmpty();
        assertThat(crashed.notExactlyOnce(ids)).as("crash run: ids without exactly one committed enriched record").isEmpty();
        assertThat(crashed.enrichedById()).as("enriched articles (without story fields)").isEqualTo(clean.enrichedById());
        assertThat(crashed.statusById()).as("status tables").isEqualTo(clean.statusById());
        // Story clustering depends on the order in which articles reach the single story partition, which
        // differs between any two runs over 3 input partitions (crashes or not): the stories must partition
        // the articles consistently, and how many come out identical is reported.
        assertThat(clean.storyProblems()).as("clean run stories").isEmpty();
        assertThat(crashed.storyProblems()).as("crash run stories").isEmpty();
        long sameStories = crashed.storyGroups().stream().filter(clean.storyGroups()::contains).count();
        assertThat(kills).isEqualTo(2 * rounds);
        System.out.printf("[crash] RESULT kills=%d articles=%d enriched_exactly_once=%d claims=%d stories=%d "
                        + "identical_stories=%d/%d organizations=%d status_rows=%d crash_run_s=%.1f clean_run_s=%.1f%n",
                kills, n, crashed.enrichedCountsById().size(), crashed.claims(), crashed.storyGroups().size(),
                sameStories, clean.storyGroups().size(),
                crashed.statusById().size(), crashed.statusRows(), crashSeconds, cleanSeconds);
    }

    static List<List<RawArticle>> batches(List<RawArticle> all, int k) {
        List<List<RawArticle>> out = new java.util.ArrayList<>();
        int size = (all.size() + k - 1) / k;
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        while (out.size() < k) {
            out.add(List.of());
        }
        return out;
    }
}
