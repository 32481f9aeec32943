package io.wirewatch.app.pipeline;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.aggregate.AggregateTopology;
import io.wirewatch.enrich.EnrichService;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The two stream processors of a batch run (`run`, `demo`, `replay`, the end-to-end tests), started
 * side by side in this JVM, and a way to know when they have processed everything ingest published.
 */
public final class Pipeline implements AutoCloseable {

    private final KafkaStreams enrich;
    private final KafkaStreams aggregate;
    private final Quiescence quiescence;

    private Pipeline(KafkaStreams enrich, KafkaStreams aggregate, Quiescence quiescence) {
        this.enrich = enrich;
        this.aggregate = aggregate;
        this.quiescence = quiescence;
    }

    /** Starts enrich and aggregate with their state under {@code stateDir}; ids may carry a suffix (replay). */
    public static Pipeline start(String bootstrap, Path stateDir, String idSuffix) {
        return start(bootstrap, stateDir, idSuffix, new Properties());
    }

    /**
     * As {@link #start(String, Path, String)}, with Streams properties set on both applications last: the settings
     * of the batch commands' options (story window, decoded budget), a bench variant's properties.
     */
    public static Pipeline start(String bootstrap, Path stateDir, String idSuffix, Properties extra) {
        String enrichId = EnrichService.APPLICATION_ID + idSuffix;
        String aggregateId = AggregateService.APPLICATION_ID + idSuffix;
        Topology enrichTopology = EnrichService.topology();
        Topology aggregateTopology = AggregateTopology.build();
        Properties enrichProps = EnrichService.config(bootstrap, enrichId);
        enrichProps.putAll(overrides(stateDir));
        Properties aggregateProps = AggregateService.config(bootstrap, aggregateId);
        aggregateProps.putAll(overrides(stateDir));
        enrichProps.putAll(extra);
        aggregateProps.putAll(extra);
        EnrichService.validate(enrichProps); // a bad story window or table budget is refused before anything starts
        AggregateService.validate(aggregateProps);
        List<Quiescence.Stage> stages = new ArrayList<>();
        stages.addAll(Quiescence.stagesOf(enrichId, enrichTopology));
        stages.addAll(Quiescence.stagesOf(aggregateId, aggregateTopology));
        KafkaStreams enrich = new KafkaStreams(enrichTopology, enrichProps);
        KafkaStreams aggregate = new KafkaStreams(aggregateTopology, aggregateProps);
        enrich.start();
        aggregate.start();
        return new Pipeline(enrich, aggregate, new Quiescence(bootstrap, stages));
    }

    /** What a batch run sets on top of a service's defaults (also the bench's pass-through and aggregate-alone stages). */
    public static Properties overrides(Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // a batch run wants results soon after the input ends, not at the next 30 s commit
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }

    /** Each application's client and Streams metrics, by name ({@code enrich}, {@code aggregate}). */
    public Map<String, Map<MetricName, ? extends Metric>> metrics() {
        Map<String, Map<MetricName, ? extends Metric>> m = new LinkedHashMap<>();
        m.put("enrich", enrich.metrics());
        m.put("aggregate", aggregate.metrics());
        return m;
    }

    /** Blocks until both applications run and every record ingest published has gone through all stages. */
    public void awaitProcessed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitRunning(enrich, "enrich", deadline);
        awaitRunning(aggregate, "aggregate", deadline);
        quiescence.await(deadline, () -> {
            failIfDead(enrich, "enrich");
            failIfDead(aggregate, "aggregate");
        });
    }

    private static void awaitRunning(KafkaStreams streams, String name, long deadline) throws InterruptedException {
        while (streams.state() != KafkaStreams.State.RUNNING) {
            failIfDead(streams, name);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not reach RUNNING (state " + streams.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    private static void failIfDead(KafkaStreams streams, String name) {
        KafkaStreams.State s = streams.state();
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException("the " + name + " stream processor stopped (" + s + "); see its log above");
        }
    }

    @Override
    public void close() {
        Duration wait = Duration.ofSeconds(30);
        enrich.close(wait);
        aggregate.close(wait);
        quiescence.close();
    }
}
