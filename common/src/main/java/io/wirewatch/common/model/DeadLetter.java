package io.wirewatch.common.model;

/**
 * A record that could not be processed ({@code news.dlq.v1}): where it failed, why, where it came
 * from, and the original bytes (as UTF-8 text when they decode, else Base64 in {@code valueBase64}).
 */
public record DeadLetter(
        String stage,
        String reason,
        String sourceTopic,
        Integer partition,
        Long offset,
        String key,
        String value,
        String valueBase64,
        String at) {
}
