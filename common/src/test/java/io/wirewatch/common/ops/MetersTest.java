package io.wirewatch.common.ops;

import io.wirewatch.common.kafka.DeadLetters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MetersTest {

    @Test
    void reasonCodesKeepTheKindAndDropTheParticulars() {
        assertThat(Meters.reasonCode("local-source: line 17: invalid JSON: Unexpected character ('x' (code 120))"))
                .isEqualTo("local-source: invalid JSON");
        assertThat(Meters.reasonCode("empty-text: no article text in https://example.org/a/b.html?x=1"))
                .isEqualTo("empty-text: no article text in URL");
        assertThat(Meters.reasonCode("local-source: cannot read: java.io.IOException: /data/in/x.txt"))
                .isEqualTo("local-source: cannot read");
        assertThat(Meters.reasonCode("record-too-large: article of 3145921 bytes is over the record limit"))
                .isEqualTo("record-too-large: article of N bytes is over the record limit");
        assertThat(Meters.reasonCode("SerializationException: not a valid RawArticle JSON value: Unrecognized token"))
                .isEqualTo("SerializationException: not a valid RawArticle JSON value");
        assertThat(Meters.reasonCode(null)).isEqualTo("unknown");
        assertThat(Meters.reasonCode("  ")).isEqualTo("unknown");
        assertThat(Meters.reasonCode("x".repeat(500))).hasSize(48);
    }

    @Test
    void everyDeadLetterBuiltIsCountedByStageAndReason() {
        String stage = "test-stage-" + System.nanoTime();
        DeadLetters.of(stage, "bad-thing: line 3: detail one", null, null, null, null, "v".getBytes(StandardCharsets.UTF_8));
        DeadLetters.of(stage, "bad-thing: line 9: detail two", null, null, null, null, null);
        DeadLetters.of(stage + ".extract", "empty-text: nothing", null, null, null, null, null);
        var registry = Meters.registry();
        assertThat(registry.get(Meters.DEAD_LETTERS).tag("stage", stage).tag("reason", "bad-thing: detail one")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(Meters.DEAD_LETTERS).tag("stage", stage).counters()).hasSize(2);
        assertThat(registry.get(Meters.EXTRACTION_FAILURES).tag("reason", "empty-text: nothing").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.scrape()).contains("wirewatch_dead_letters_total{reason=\"bad-thing: detail two\",stage=\"" + stage + "\"} 1.0");
    }
}
