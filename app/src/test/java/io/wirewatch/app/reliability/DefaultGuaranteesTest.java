package io.wirewatch.app.reliability;

import io.wirewatch.aggregate.AggregateService;
import io.wirewatch.enrich.EnrichService;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Exactly-once is what enrich and aggregate run with unless a user overrides it on purpose. */
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
}
