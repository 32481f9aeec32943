package io.wirewatch.common.kafka;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.DeadLetter;
import io.wirewatch.common.ops.Meters;
import io.wirewatch.common.serde.Json;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Builds {@code news.dlq.v1} records: the failed record, the stage, the reason, and its lineage. */
public final class DeadLetters {

    /** Bodies beyond this are cut in the DLQ value so that one huge poison pill cannot block the DLQ. */
    static final int MAX_VALUE_CHARS = 256 * 1024;

    private DeadLetters() {}

    public static DeadLetter of(String stage, String reason, String topic, Integer partition, Long offset,
                                byte[] key, byte[] value) {
        // counted here, where every stage builds its dead letters (wirewatch_dead_letters_total)
        Meters.deadLetter(stage, reason);
        String text = value == null ? null : utf8OrNull(value);
        // binary bodies are cut before encoding, so the dead letter itself stays under the broker's record limit
        String base64 = value != null && text == null
                ? Base64.getEncoder().encodeToString(value.length > MAX_VALUE_CHARS / 4 * 3
                        ? java.util.Arrays.copyOf(value, MAX_VALUE_CHARS / 4 * 3) : value)
                : null;
        if (text != null && text.length() > MAX_VALUE_CHARS) {
            text = text.substring(0, MAX_VALUE_CHARS);
        }
        return new DeadLetter(stage, reason, topic, partition, offset,
                key == null ? null : new String(key, StandardCharsets.UTF_8), text, base64,
                Instant.now().toString());
    }

    public static ProducerRecord<byte[], byte[]> record(DeadLetter dl, byte[] key) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("wirewatch.stage", bytes(dl.stage()));
        headers.add("wirewatch.reason", bytes(dl.reason()));
        if (dl.sourceTopic() != null) {
            headers.add("wirewatch.source.topic", bytes(dl.sourceTopic()));
            headers.add("wirewatch.source.partition", bytes(String.valueOf(dl.partition())));
            headers.add("wirewatch.source.offset", bytes(String.valueOf(dl.offset())));
        }
        return new ProducerRecord<>(Topics.DLQ, null, key, Json.writeBytes(dl), headers);
    }

    /** A short reason: the exception type and message, with the root cause when it differs. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String r = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            r += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return r;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8OrNull(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
