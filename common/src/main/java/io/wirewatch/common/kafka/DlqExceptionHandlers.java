package io.wirewatch.common.kafka;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Kafka Streams exception handlers that send the failed record to {@code news.dlq.v1} with the
 * reason and its lineage, and let processing continue. The stage name comes from the
 * {@code wirewatch.stage} property (the service name).
 */
public final class DlqExceptionHandlers {

    public static final String STAGE_CONFIG = "wirewatch.stage";
    /**
     * The largest record (key + value + headers, uncompressed) a service sends; larger ones go to the DLQ
     * instead ({@link OversizedRecordGuard}). Below the broker's default {@code message.max.bytes} (1048588).
     */
    public static final String MAX_RECORD_BYTES_CONFIG = "wirewatch.max.record.bytes";
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;
    /** At most this much of a failed record's value is kept in its dead letter (the DLQ must accept it). */
    static final int MAX_DEAD_VALUE_BYTES = 192 * 1024;
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
                    record.key(), cap(record.value()));
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
                    context.partition(), context.offset(), context.sourceRawKey(), cap(context.sourceRawValue()));
            return Response.resume(List.of(DeadLetters.record(dl, context.sourceRawKey())));
        }
    }

    /**
     * A result could not be written: too large for the broker, unserializable, or rejected as invalid
     * (a null key on a compacted topic). The input record that led to it goes to the DLQ with its lineage
     * and the stream goes on; transient errors are retried and anything else fails, as by default.
     *
     * <p>Under exactly-once, a record the producer or broker rejects as too large has already doomed the
     * open transaction (the producer enters an abortable error state before this handler returns), so
     * resuming cannot save it: {@link OversizedRecordGuard} keeps such records from being sent at all.
     * This handler covers at-least-once configurations and serialization failures, which happen before
     * the send and are safe under exactly-once.
     */
    public static final class Production implements ProductionExceptionHandler {
        private String stage = "streams.produce";

        @Override
        public void configure(Map<String, ?> configs) {
            stage = stage(configs) + ".produce";
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                    Exception exception) {
            if (exception instanceof RetriableException) {
                return Response.retry();
            }
            if (exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
                    || exception instanceof InvalidRecordException) {
                return Response.resume(List.of(deadLetter(context, record.topic(), exception)));
            }
            return Response.fail();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                                 Exception exception, SerializationExceptionOrigin origin) {
            return Response.resume(List.of(deadLetter(context, record.topic(), exception)));
        }

        private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, String target, Exception e) {
            String reason = "writing to " + target + ": " + DeadLetters.reason(e);
            LOG.warn("dead-lettering {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), reason);
            DeadLetter dl = DeadLetters.of(stage, reason, context.topic(), context.partition(), context.offset(),
                    context.sourceRawKey(), cap(context.sourceRawValue()));
            return DeadLetters.record(dl, context.sourceRawKey());
        }
    }

    /**
     * A producer interceptor that replaces any record larger than {@value #MAX_RECORD_BYTES_CONFIG}
     * (default {@value #DEFAULT_MAX_RECORD_BYTES} bytes) by a dead letter on {@code news.dlq.v1}, before it
     * is sent. This is what keeps an oversized result from killing an exactly-once service: the broker
     * would reject it, which aborts the transaction, and the same input would fail again after every
     * restart. The dead letter carries the key, the topic the record was meant for (header
     * {@code wirewatch.target.topic}), its size and the start of its value; the interceptor does not know
     * which input record produced it.
     */
    public static final class OversizedRecordGuard implements ProducerInterceptor<byte[], byte[]> {
        private String stage = "streams.produce";
        private int maxBytes = DEFAULT_MAX_RECORD_BYTES;

        @Override
        public void configure(Map<String, ?> configs) {
            stage = stage(configs) + ".produce";
            Object max = configs.get(MAX_RECORD_BYTES_CONFIG);
            if (max != null) {
                maxBytes = Integer.parseInt(max.toString().trim());
            }
        }

        @Override
        public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
            long size = size(record);
            if (size <= maxBytes || Topics.DLQ.equals(record.topic())) {
                return record;
            }
            String reason = "RecordTooLarge: a record of " + size + " bytes for " + record.topic()
                    + " is over the limit of " + maxBytes + " bytes (" + MAX_RECORD_BYTES_CONFIG + ")";
            LOG.warn("dead-lettering key {} instead of writing it to {}: {}", key(record), record.topic(), reason);
            // the input record it came from, when Streams carried the input's headers over (LineageStamp)
            String srcTopic = text(record, LINEAGE_TOPIC);
            Integer srcPartition = null;
            Long srcOffset = null;
            try {
                srcPartition = srcTopic == null ? null : Integer.valueOf(text(record, LINEAGE_PARTITION));
                srcOffset = srcTopic == null ? null : Long.valueOf(text(record, LINEAGE_OFFSET));
            } catch (RuntimeException e) {
                srcTopic = null;
            }
            DeadLetter dl = DeadLetters.of(stage, reason, srcTopic, srcPartition, srcOffset, record.key(), cap(record.value()));
            ProducerRecord<byte[], byte[]> letter = DeadLetters.record(dl, record.key());
            letter.headers().add(new RecordHeader("wirewatch.target.topic", record.topic().getBytes(StandardCharsets.UTF_8)));
            return letter;
        }

        static long size(ProducerRecord<byte[], byte[]> r) {
            long n = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            for (Header h : r.headers()) {
                n += h.key().length() + (h.value() == null ? 0 : h.value().length);
            }
            return n;
        }

        private static String text(ProducerRecord<byte[], byte[]> r, String header) {
            Header h = r.headers().lastHeader(header);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }

        private static String key(ProducerRecord<byte[], byte[]> r) {
            return r.key() == null ? null : new String(r.key(), 0, Math.min(r.key().length, 200), StandardCharsets.UTF_8);
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

        @Override
        public void close() {}
    }

    static final String LINEAGE_TOPIC = "wirewatch.lineage.topic";
    static final String LINEAGE_PARTITION = "wirewatch.lineage.partition";
    static final String LINEAGE_OFFSET = "wirewatch.lineage.offset";

    /**
     * A consumer interceptor that stamps every consumed record with where it was read from (headers
     * {@code wirewatch.lineage.topic}, {@code .partition}, {@code .offset}, replacing older stamps). Streams
     * carries an input's headers over to what it writes, so {@link OversizedRecordGuard} can name the
     * input record behind an oversized result, and every output says which input record produced it.
     */
    public static final class LineageStamp implements ConsumerInterceptor<byte[], byte[]> {
        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                try {
                    r.headers().remove(LINEAGE_TOPIC).remove(LINEAGE_PARTITION).remove(LINEAGE_OFFSET)
                            .add(LINEAGE_TOPIC, r.topic().getBytes(StandardCharsets.UTF_8))
                            .add(LINEAGE_PARTITION, String.valueOf(r.partition()).getBytes(StandardCharsets.UTF_8))
                            .add(LINEAGE_OFFSET, String.valueOf(r.offset()).getBytes(StandardCharsets.UTF_8));
                } catch (IllegalStateException readOnly) {
                    // headers of this record cannot change; it simply carries no stamp
                }
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

        @Override
        public void configure(Map<String, ?> configs) {}

        @Override
        public void close() {}
    }

    /** The first {@link #MAX_DEAD_VALUE_BYTES} of a value: a dead letter must itself fit in the DLQ. */
    static byte[] cap(byte[] value) {
        return value == null || value.length <= MAX_DEAD_VALUE_BYTES ? value : Arrays.copyOf(value, MAX_DEAD_VALUE_BYTES);
    }
}
