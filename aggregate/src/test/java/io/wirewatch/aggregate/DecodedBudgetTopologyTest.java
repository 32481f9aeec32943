package io.wirewatch.aggregate;

import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.common.model.EnrichedArticle;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The byte budget of the values aggregate keeps decoded ({@value StatusFoldProcessor#DECODED_BYTES_CONFIG})
 * changes what is re-read from the stores, never what is published: with nothing kept decoded, with a
 * budget smaller than one table (its values evicted between every commit) and with the default, the
 * same articles give the same org.status.v1 records, byte for byte and in the same order.
 */
class DecodedBudgetTopologyTest {

    @TempDir
    Path dir;

    private int runs;

    /** Every org.status.v1 record, in order, after each article went through a fresh driver. */
    private List<KeyValue<String, String>> run(List<EnrichedArticle> articles, String decodedBytes) {
        Properties p = AggregateService.config("unused:9092", "decoded-budget-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("run-" + runs++).toString());
        if (decodedBytes != null) {
            p.put(StatusFoldProcessor.DECODED_BYTES_CONFIG, decodedBytes);
        }
        AggregateService.validate(p);
        List<KeyValue<String, String>> out = new ArrayList<>();
        TableBoundTopologyTest.statusRecords(p, articles).forEach(kv -> out.add(KeyValue.pair(kv.key,
                kv.value == null ? null : new String(kv.value, StandardCharsets.UTF_8))));
        return out;
    }

    @Test
    void theBudgetChangesNothingPublished() {
        List<EnrichedArticle> articles = new ArrayList<>(TableBoundTopologyTest.bigOrganisation(12, 9));
        Collections.shuffle(articles, new Random(7));
        List<KeyValue<String, String>> expected = run(articles, null);
        assertThat(expected).hasSizeGreaterThan(articles.size() / 2);
        assertThat(expected.get(expected.size() - 1).value).contains("Land QAL");
        for (String budget : List.of("0", "2048", "20000", Long.toString(1L << 30))) {
            assertThat(run(articles, budget)).as("budget %s", budget).isEqualTo(expected);
        }
    }

    @Test
    void aBadBudgetIsRefusedAtStartWithTheReason() {
        for (String bad : List.of("lots", "-1", "24MB", "2000000000000")) {
            Properties p = new Properties();
            p.put(StatusFoldProcessor.DECODED_BYTES_CONFIG, bad);
            assertThatThrownBy(() -> AggregateService.validate(p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(StatusFoldProcessor.DECODED_BYTES_CONFIG).hasMessageContaining(bad);
        }
        Properties ok = new Properties();
        ok.put(StatusFoldProcessor.DECODED_BYTES_CONFIG, "33554432");
        AggregateService.validate(ok);
        assertThat(StatusFoldProcessor.decodedBytes(ok)).isEqualTo(32L << 20);
        // unset: the default, whatever the environment holds (only the CLI reads the variable, into the property)
        assertThat(StatusFoldProcessor.decodedBytes(new Properties())).isEqualTo(StatusFoldProcessor.DEFAULT_DECODED_BYTES);
    }
}
