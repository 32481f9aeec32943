package io.wirewatch.common.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * The Streams configuration every wirewatch service starts from. Users override any key through
 * the service's {@code --config} properties file (the app's {@code StreamsServiceCommand}); these are the
 * documented defaults.
 */
public final class StreamsDefaults {

    private StreamsDefaults() {}

    public static Properties base(String applicationId, String bootstrap, String stage) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqExceptionHandlers.Deserialization.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqExceptionHandlers.Processing.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DlqExceptionHandlers.Production.class.getName());
        // an oversized result becomes a dead letter before it is sent: under exactly-once the broker's
        // rejection would abort the transaction, and the same input would fail again after every restart
        p.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                DlqExceptionHandlers.OversizedRecordGuard.class.getName());
        p.put(StreamsConfig.producerPrefix(DlqExceptionHandlers.STAGE_CONFIG), stage);
        // inputs are stamped with their topic, partition and offset, which Streams carries to the outputs
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
                DlqExceptionHandlers.LineageStamp.class.getName());
        p.put(StreamsConfig.producerPrefix(DlqExceptionHandlers.MAX_RECORD_BYTES_CONFIG),
                DlqExceptionHandlers.DEFAULT_MAX_RECORD_BYTES);
        // opt in now to what Kafka 5.0 makes the default, so an upgrade changes nothing
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(DlqExceptionHandlers.STAGE_CONFIG, stage);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Under exactly-once the producer flushes at every commit; Streams' default 16 KB batch holds
        // only a few articles, so larger compressed batches cut commit time (see BENCHMARKS.md).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262144);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 8 * 1024 * 1024);
        // one block cache and memtable budget for every store in the JVM, so off-heap memory is bounded
        // (64 MB by default) however many stores and partitions a service holds
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        return p;
    }
}
