package io.wirewatch.common.kafka;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class DlqExceptionHandlersTest {

    private static final byte[] KEY = "article-7".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RAW = "{\"id\":\"article-7\",\"text\":\"...\"}".getBytes(StandardCharsets.UTF_8);

    private static ErrorHandlerContext context(byte[] rawValue) {
        return new ErrorHandlerContext() {
            public String topic() { return Topics.RAW; }
            public int partition() { return 2; }
            public long offset() { return 41L; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "write-enriched"; }
            public TaskId taskId() { return new TaskId(0, 2); }
            public long timestamp() { return 0L; }
            public byte[] sourceRawKey() { return KEY; }
            public byte[] sourceRawValue() { return rawValue; }
        };
    }

    private static DlqExceptionHandlers.Production production() {
        DlqExceptionHandlers.Production h = new DlqExceptionHandlers.Production();
        h.configure(Map.of(DlqExceptionHandlers.STAGE_CONFIG, "enrich"));
        return h;
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aTooLargeResultDeadLettersItsInputWithLineageAndResumes() {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.ENRICHED, KEY, new byte[10]);
        ProductionExceptionHandler.Response r = production().handleError(context(RAW), out,
                new RecordTooLargeException("The message is 2000000 bytes"));

        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dlq = r.deadLetterQueueRecords().get(0);
        assertThat(dlq.topic()).isEqualTo(Topics.DLQ);
        assertThat(dlq.key()).isEqualTo(KEY);
        assertThat(header(dlq, "wirewatch.source.topic")).isEqualTo(Topics.RAW);
        assertThat(header(dlq, "wirewatch.source.partition")).isEqualTo("2");
        assertThat(header(dlq, "wirewatch.source.offset")).isEqualTo("41");
        assertThat(header(dlq, "wirewatch.stage")).isEqualTo("enrich.produce");
        DeadLetter letter = Json.read(dlq.value(), DeadLetter.class);
        assertThat(letter.reason()).contains("news.enriched.v1").contains("RecordTooLargeException");
        assertThat(letter.value()).contains("article-7");
    }

    @Test
    void anUnserializableResultDeadLettersItsInputAndResumes() {
        ProducerRecord<String, Object> out = new ProducerRecord<>(Topics.STORIES, "s1", new Object());
        ProductionExceptionHandler.Response r = production().handleSerializationError(context(RAW), out,
                new SerializationException("cannot write"), ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(header(r.deadLetterQueueRecords().get(0), "wirewatch.reason")).contains("news.stories.v1");
    }

    @Test
    void transientErrorsAreRetriedAndOthersStillFail() {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.ENRICHED, KEY, RAW);
        assertThat(production().handleError(context(RAW), out, new NotEnoughReplicasException("isr"))
                .result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(production().handleError(context(RAW), out, new TopicAuthorizationException("denied"))
                .result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void aHugeBinaryInputIsCutSoThatItsDeadLetterFitsTheDlq() {
        byte[] huge = new byte[3 * 1024 * 1024];
        Arrays.fill(huge, (byte) 0xff); // not UTF-8: kept as Base64, which DeadLetters does not cut by itself
        ProducerRecord<byte[], byte[]> dlq = production().handleError(context(huge),
                new ProducerRecord<>(Topics.ENRICHED, KEY, huge), new RecordTooLargeException("big"))
                .deadLetterQueueRecords().get(0);
        assertThat(dlq.value().length).isLessThan(400 * 1024);
    }

    @Test
    void theGuardTurnsAnOversizedRecordIntoADeadLetterAndLetsOthersThrough() {
        DlqExceptionHandlers.OversizedRecordGuard guard = new DlqExceptionHandlers.OversizedRecordGuard();
        guard.configure(Map.of(DlqExceptionHandlers.STAGE_CONFIG, "enrich", DlqExceptionHandlers.MAX_RECORD_BYTES_CONFIG, "1000"));

        ProducerRecord<byte[], byte[]> small = new ProducerRecord<>(Topics.ENRICHED, 1, KEY, new byte[900]);
        assertThat(guard.onSend(small)).isSameAs(small);

        byte[] big = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> letter = guard.onSend(new ProducerRecord<>(Topics.ENRICHED, 1, KEY, big));
        assertThat(letter.topic()).isEqualTo(Topics.DLQ);
        assertThat(letter.partition()).isNull();
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(header(letter, "wirewatch.target.topic")).isEqualTo(Topics.ENRICHED);
        assertThat(header(letter, "wirewatch.stage")).isEqualTo("enrich.produce");
        assertThat(header(letter, "wirewatch.reason")).contains("5009 bytes").contains("news.enriched.v1");

        // a dead letter itself is never rewritten
        ProducerRecord<byte[], byte[]> bigLetter = new ProducerRecord<>(Topics.DLQ, KEY, big);
        assertThat(guard.onSend(bigLetter)).isSameAs(bigLetter);
    }

    @Test
    void theGuardNamesTheInputRecordStampedByTheLineageInterceptor() {
        org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> in =
                new org.apache.kafka.clients.consumer.ConsumerRecord<>(Topics.RAW, 1, 77L, KEY, RAW);
        new DlqExceptionHandlers.LineageStamp().onConsume(new org.apache.kafka.clients.consumer.ConsumerRecords<>(
                Map.of(new org.apache.kafka.common.TopicPartition(Topics.RAW, 1), java.util.List.of(in)), Map.of()));
        assertThat(new String(in.headers().lastHeader("wirewatch.lineage.offset").value(), StandardCharsets.UTF_8)).isEqualTo("77");

        DlqExceptionHandlers.OversizedRecordGuard guard = new DlqExceptionHandlers.OversizedRecordGuard();
        guard.configure(Map.of(DlqExceptionHandlers.MAX_RECORD_BYTES_CONFIG, 100));
        // Streams carries the input's headers over to the output
        ProducerRecord<byte[], byte[]> letter = guard.onSend(
                new ProducerRecord<>(Topics.ENRICHED, null, KEY, new byte[500], in.headers()));
        assertThat(header(letter, "wirewatch.source.topic")).isEqualTo(Topics.RAW);
        assertThat(header(letter, "wirewatch.source.partition")).isEqualTo("1");
        assertThat(header(letter, "wirewatch.source.offset")).isEqualTo("77");
    }

    @Test
    void theDefaultsInstallTheHandlersAndTheGuard() {
        Properties p = StreamsDefaults.base("app", "127.0.0.1:9092", "enrich");
        assertThat(p.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(DlqExceptionHandlers.Production.class.getName());
        assertThat(p.get("producer.interceptor.classes"))
                .isEqualTo(DlqExceptionHandlers.OversizedRecordGuard.class.getName());
        assertThat(new StreamsConfig(p).getProducerConfigs("c"))
                .containsEntry(DlqExceptionHandlers.MAX_RECORD_BYTES_CONFIG, DlqExceptionHandlers.DEFAULT_MAX_RECORD_BYTES)
                .containsEntry(DlqExceptionHandlers.STAGE_CONFIG, "enrich");
    }
}
