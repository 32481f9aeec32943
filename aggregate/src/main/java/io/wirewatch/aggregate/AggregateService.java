package io.wirewatch.aggregate;

import io.wirewatch.aggregate.status.PublishPacing;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.aggregate.status.TableBound;
import io.wirewatch.common.kafka.StreamsDefaults;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Properties;

/** The aggregate service: folds claims into status tables with the shared Streams defaults. */
public final class AggregateService {

    public static final String APPLICATION_ID = "wirewatch-aggregate";

    private AggregateService() {}

    public static Properties config(String bootstrap, String applicationId) {
        return StreamsDefaults.base(applicationId == null ? APPLICATION_ID : applicationId, bootstrap, "aggregate");
    }

    public static KafkaStreams create(String bootstrap, Properties overrides) {
        Properties p = config(bootstrap, null);
        p.putAll(overrides);
        validate(p);
        return new KafkaStreams(AggregateTopology.build(), p);
    }

    /**
     * Refuses, before anything starts, a configuration the fold would refuse at its first task: today
     * a bad {@value TableBound#MAX_BYTES_CONFIG}, {@value StatusFoldProcessor#DECODED_BYTES_CONFIG},
     * {@value PublishPacing#MS_CONFIG} or {@value PublishPacing#BYTES_CONFIG}.
     * Throws {@link IllegalArgumentException} with the reason.
     */
    public static void validate(Properties p) {
        TableBound.maxBytes(p);
        StatusFoldProcessor.decodedBytes(p);
        PublishPacing.of(p);
    }
}
