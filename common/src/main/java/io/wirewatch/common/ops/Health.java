package io.wirewatch.common.ops;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /health} (live: restarting the process would not help yet) and {@code /ready} (doing
 * its work now) report for one service, with the state that decided it.
 */
public record Health(boolean live, boolean ready, String state) {

    /** Longest gap between two polls of a live ingest loop: Kafka's max.poll.interval.ms that ingest sets. */
    static final double MAX_POLL_GAP_SECONDS = 600;

    /**
     * A Streams application is live while it is created, rebalancing or running (it recovers from
     * broker outages and rebalances by itself) and ready only while RUNNING.
     */
    public static Supplier<Health> of(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State s = streams.state();
            boolean live = s == KafkaStreams.State.CREATED || s == KafkaStreams.State.REBALANCING
                    || s == KafkaStreams.State.RUNNING;
            return new Health(live, s == KafkaStreams.State.RUNNING, s.name());
        };
    }

    /**
     * A plain-client service (ingest), from the consumers bound in {@link Meters}: live while its loop
     * runs and has polled within max.poll.interval.ms; ready once a consumer polls and is connected to
     * the cluster. The producer is not asked: it drops idle connections, which is normal.
     */
    public static Supplier<Health> ofClients(BooleanSupplier loopRunning) {
        return () -> {
            if (!loopRunning.getAsBoolean()) {
                return new Health(false, false, "STOPPED");
            }
            boolean anyConsumer = false;
            boolean connected = false;
            double pollGap = -1;
            for (var client : Meters.clients()) {
                Map<MetricName, ? extends Metric> metrics = client.getValue().get();
                double sinceLastPoll = value(metrics, "consumer-metrics", "last-poll-seconds-ago");
                if (Double.isNaN(sinceLastPoll)) {
                    continue; // a producer
                }
                anyConsumer = true;
                pollGap = Math.max(pollGap, sinceLastPoll);
                connected |= value(metrics, "consumer-metrics", "connection-count") >= 1;
            }
            if (pollGap > MAX_POLL_GAP_SECONDS) {
                return new Health(false, false, "STALLED (no poll for " + (long) pollGap + " s)");
            }
            if (!anyConsumer) {
                return new Health(true, false, "STARTING");
            }
            return connected ? new Health(true, true, "RUNNING") : new Health(true, false, "DISCONNECTED");
        };
    }

    private static double value(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().group().equals(group) && e.getKey().name().equals(name)
                    && e.getValue().metricValue() instanceof Number n) {
                return n.doubleValue();
            }
        }
        return Double.NaN;
    }
}
