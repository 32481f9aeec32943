package io.wirewatch.common.kafka;

import io.wirewatch.common.model.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Kafka Streams exception handlers that send the failed record to {@code news.dlq.v1} with the
 * reason and its lineage, and let processing continue. The stage name comes from the
 * {@code wirewatch.stage} property (the service name).
 */
public final class DlqExceptionHandlers {

    public static final String STAGE_CONFIG = "wirewatch.stage";
    private static final Logger LOG = LoggerFactory.getLogger(DlqExceptionHandlers.class);

    private DlqExceptionHandlers() {}

    private static String stage(Map<String, ?> configs) {
        Object s = configs.get(STAGE_CONFIG);
        return s == null ? "streams" : s.toString();
    }

    /** Undecodable input: bad bytes, broken JSON, wrong shape. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private String stage = "streams";

        @Override
        public void configure(Map<String, ?> configs) {
            stage = stage(configs) + ".deserialize";
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                    Exception exception) {
            String reason = DeadLetters.reason(exception);
            LOG.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
            DeadLetter dl = DeadLetters.of(stage, reason, record.topic(), record.partition(), record.offset(),
                    record.key(), record.value());
            return Response.resume(List.of(DeadLetters.record(dl, record.key())));
        }
    }

    /** A processor threw on a record: the record goes to the DLQ, the stream goes on. */
    public static final class Processing implements ProcessingExceptionHandler {
        private String stage = "streams";

        @Override
        public void configure(Map<String, ?> configs) {
            stage = stage(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            String reason = DeadLetters.reason(exception);
            LOG.warn("dead-lettering {}-{}@{} in {}: {}", context.topic(), context.partition(), context.offset(),
                    context.processorNodeId(), reason, exception);
            DeadLetter dl = DeadLetters.of(stage + "." + context.processorNodeId(), reason, context.topic(),
                    context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue());
            return Response.resume(List.of(DeadLetters.record(dl, context.sourceRawKey())));
        }
    }
}
