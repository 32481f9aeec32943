package io.wirewatch.app.reliability;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.app.pipeline.Pipeline;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Exactly-once (and its commit cadence) is what enrich and aggregate run with unless a user overrides it on purpose. */
class DefaultGuaranteesTest {

    @Test
    void enrichAndAggregateDefaultToExactlyOnceV2() {
        for (Properties p : new Properties[] {EnrichService.config("127.0.0.1:9092", null),
                AggregateService.config("127.0.0.1:9092", null)}) {
            assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
            assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isNotNull();
            assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isNotNull();
            assertThat(p.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).isNotNull();
        }
    }

    @Test
    void servicesAndBatchRunsCommitEvery20MsAndPollFor10() {
        for (Properties p : new Properties[] {EnrichService.config("127.0.0.1:9092", null),
                AggregateService.config("127.0.0.1:9092", null)}) {
            p.putAll(Pipeline.overrides(Path.of("/tmp/unused")));
            StreamsConfig c = new StreamsConfig(p);
            // Kafka's own defaults (100 and 100) made each of the four commits on an article's way ~100 ms longer
            assertThat(c.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
            assertThat(c.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(10L);
        }
        Properties user = EnrichService.config("127.0.0.1:9092", null);
        user.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"); // what --config does: the user's value wins
        assertThat(new StreamsConfig(user).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    }
}
