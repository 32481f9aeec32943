package io.wirewatch.aggregate;

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
        return new KafkaStreams(AggregateTopology.build(), p);
    }

    public static void main(String[] args) {
        String bootstrap = System.getenv().getOrDefault("WIREWATCH_BOOTSTRAP_SERVER", "127.0.0.1:9092");
        KafkaStreams streams = create(bootstrap, new Properties());
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "aggregate-shutdown"));
        streams.start();
    }
}
