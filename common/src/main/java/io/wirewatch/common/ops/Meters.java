package io.wirewatch.common.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The process's metrics, one Prometheus registry per JVM (a JVM runs one service, or a batch run):
 * Kafka client and Streams metrics bound through Micrometer (records in and out per topic, consumer
 * lag, commit and request rates), and wirewatch's own counters. Dead letters are counted where they
 * are built ({@code DeadLetters.of}), so every stage is covered without each service counting.
 */
public final class Meters {

    /** {@code wirewatch_dead_letters_total{stage, reason}}: records sent to news.dlq.v1. */
    public static final String DEAD_LETTERS = "wirewatch.dead.letters";
    /** {@code wirewatch_extraction_failures_total{reason}}: dead letters of the ingest.extract stage. */
    public static final String EXTRACTION_FAILURES = "wirewatch.extraction.failures";

    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Kafka clients bound here, by a role name; ingest's health reads their metrics. */
    private static final Map<Object, Supplier<Map<MetricName, ? extends Metric>>> CLIENTS = new ConcurrentHashMap<>();

    /**
     * How often the Kafka binders look for metrics that appeared since (per-topic and per-partition
     * ones appear with the first record); Micrometer's default is a minute.
     */
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kafka-metrics-refresh");
        t.setDaemon(true);
        return t;
    });

    static {
        new JvmMemoryMetrics().bindTo(REGISTRY);
        new JvmThreadMetrics().bindTo(REGISTRY);
    }

    private Meters() {}

    public static PrometheusMeterRegistry registry() {
        return REGISTRY;
    }

    /** A binding of a client's metrics; closing it removes them (call it when the client closes). */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    public static Binding bind(KafkaStreams streams) {
        KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams, List.of(), SCHEDULER, REFRESH);
        m.bindTo(REGISTRY);
        return m::close;
    }

    public static Binding bind(Producer<?, ?> producer) {
        return track(producer, producer::metrics, new KafkaClientMetrics(producer, List.of(), SCHEDULER, REFRESH));
    }

    public static Binding bind(Consumer<?, ?> consumer) {
        return track(consumer, consumer::metrics, new KafkaClientMetrics(consumer, List.of(), SCHEDULER, REFRESH));
    }

    private static Binding track(Object client, Supplier<Map<MetricName, ? extends Metric>> metrics, KafkaClientMetrics m) {
        m.bindTo(REGISTRY);
        CLIENTS.put(client, metrics);
        return () -> {
            CLIENTS.remove(client);
            m.close();
        };
    }

    /** The bound plain clients (not Streams) that are of this type: their live Kafka metrics. */
    static Set<Map.Entry<Object, Supplier<Map<MetricName, ? extends Metric>>>> clients() {
        return CLIENTS.entrySet();
    }

    /** Counts one dead letter; {@code reason} is the full reason, reduced to a short code for the label. */
    public static void deadLetter(String stage, String reason) {
        String s = stage == null || stage.isBlank() ? "unknown" : stage;
        String code = reasonCode(reason);
        Counter.builder(DEAD_LETTERS).description("records sent to news.dlq.v1, by stage and reason")
                .tag("stage", s).tag("reason", code).register(REGISTRY).increment();
        if (s.endsWith(".extract")) {
            Counter.builder(EXTRACTION_FAILURES).description("pages or files without an extractable article")
                    .tag("reason", code).register(REGISTRY).increment();
        }
    }

    /**
     * The kind of a failure, without its particulars, so that counts group and labels stay few: the
     * first two ": "-separated parts of the reason, without line numbers, parenthesised detail, URLs,
     * paths and digits, each part cut at 48 characters. "local-source: line 3: invalid JSON: Unexpected ..."
     * becomes "local-source: invalid JSON".
     */
    public static String reasonCode(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown";
        }
        StringBuilder code = new StringBuilder();
        int parts = 0;
        for (String part : reason.split(": ")) {
            String p = part.replaceAll("\\(.*", "").replaceAll("\\S+://\\S*", "URL").replaceAll("(^|\\s)/\\S*", "$1PATH")
                    .replaceAll("\\d+", "N").replaceAll("\\s+", " ").strip();
            if (p.isEmpty() || p.toLowerCase(Locale.ROOT).matches("line n|n")) {
                continue;
            }
            if (p.length() > 48) {
                p = p.substring(0, 48).strip();
            }
            code.append(parts == 0 ? "" : ": ").append(p);
            if (++parts == 2) {
                break;
            }
        }
        return code.length() == 0 ? "unknown" : code.toString();
    }
}
