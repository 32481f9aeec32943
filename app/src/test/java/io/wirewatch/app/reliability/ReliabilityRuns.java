package io.wirewatch.app.reliability;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.common.model.RawArticle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the reliability tests share: the flag for long variants, and the clean reference run. */
final class ReliabilityRuns {

    static final boolean SOAK = Boolean.getBoolean("wirewatch.soak");

    private ReliabilityRuns() {}

    /** The articles through an undisturbed in-process pipeline on a fresh broker with {@code partitions}. */
    static Outputs cleanRun(List<RawArticle> articles, int partitions) throws Exception {
        Path state = Files.createTempDirectory("wirewatch-clean-");
        try (Cluster cluster = Cluster.open(null, partitions, (short) 1)) {
            KafkaIO.keepHistory(cluster.bootstrap());
            KafkaIO.produce(cluster.bootstrap(), articles);
            try (Pipeline p = Pipeline.start(cluster.bootstrap(), state, "")) {
                p.awaitProcessed(Duration.ofMinutes(5));
            }
            return Outputs.read(cluster.bootstrap());
        }
    }

    static Path workDir(String name) throws java.io.IOException {
        Path dir = Path.of("target", "reliability", name + "-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    /** The quiescence stages of the default enrich and aggregate applications, from their topologies. */
    static java.util.List<io.wirewatch.app.pipeline.Quiescence.Stage> pipelineStages() {
        java.util.List<io.wirewatch.app.pipeline.Quiescence.Stage> stages = new java.util.ArrayList<>(
                io.wirewatch.app.pipeline.Quiescence.stagesOf(io.wirewatch.enrich.EnrichService.APPLICATION_ID,
                        io.wirewatch.enrich.EnrichService.topology()));
        stages.addAll(io.wirewatch.app.pipeline.Quiescence.stagesOf(io.wirewatch.aggregate.AggregateService.APPLICATION_ID,
                io.wirewatch.aggregate.AggregateTopology.build()));
        return stages;
    }
}
