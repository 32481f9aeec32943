package io.wirewatch.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.aggregate.status.TableBound;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.time.DateExpr;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The byte budget of published tables on the real topology: a table too large for it keeps every row,
 * says what it left out, and comes out the same whatever order its articles arrive in; a small table is
 * published as before. Invented organisations and sentences only.
 */
class TableBoundTopologyTest {

    private static final int BUDGET = 24 * 1024;
    private static final String ORG = "grey-heron";
    private static final List<Entity> ENTITIES =
            List.of(new Entity(ORG, Entity.ORG, "Grey Heron League", 2, 0, List.of("GHL")));

    @TempDir
    Path dir;

    private int runs;

    /** The last value per key of org.status.v1 after the articles, in this order, went through a fresh driver. */
    private Map<String, byte[]> run(List<EnrichedArticle> articles, Integer budget) {
        return run(articles, budget, true);
    }

    private Map<String, byte[]> run(List<EnrichedArticle> articles, Integer budget, boolean within) {
        Properties p = AggregateService.config("unused:9092", "table-bound-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("run-" + runs++).toString());
        if (budget != null) {
            p.put(TableBound.MAX_BYTES_CONFIG, Integer.toString(budget));
        }
        Map<String, byte[]> last = new LinkedHashMap<>();
        statusRecords(p, articles).forEach(kv -> {
            if (within) {
                assertThat(kv.value == null ? 0 : kv.value.length).as("every table published")
                        .isLessThanOrEqualTo(budget == null ? TableBound.DEFAULT_MAX_BYTES : budget);
            }
            last.put(kv.key, kv.value);
        });
        return last;
    }

    /** Every org.status.v1 record, in order, after each article, in this order, went through a fresh driver. */
    static List<KeyValue<String, byte[]>> statusRecords(Properties p, List<EnrichedArticle> articles) {
        List<KeyValue<String, byte[]>> records = new ArrayList<>();
        try (TopologyTestDriver d = new TopologyTestDriver(AggregateTopology.build(), p)) {
            TestInputTopic<String, String> in = d.createInputTopic(Topics.ENRICHED, new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, byte[]> out = d.createOutputTopic(Topics.STATUS, new StringDeserializer(),
                    new ByteArrayDeserializer());
            for (EnrichedArticle a : articles) {
                in.pipeInput(a.id(), Json.write(a));
                records.addAll(out.readKeyValuesToList());
            }
        }
        return records;
    }

    /**
     * {@code jurisdictions} rows of one organisation, each with {@code perRow} articles: a designation
     * long ago, then a pending delisting, then a delisting (three history entries), each article one
     * claim with its own sentence.
     */
    static List<EnrichedArticle> bigOrganisation(int jurisdictions, int perRow) {
        List<EnrichedArticle> out = new ArrayList<>();
        String[] statuses = {"DESIGNATED", "DELISTING_PENDING", "DELISTED"};
        for (int j = 0; j < jurisdictions; j++) {
            String code = "Q" + (char) ('A' + j / 26) + (char) ('A' + j % 26);
            for (int i = 0; i < perRow; i++) {
                int s = i * statuses.length / perRow;
                String id = "art-" + code + "-" + i;
                String published = String.format("2024-%02d-%02d", 1 + s * 4, 1 + i % 28);
                Claim c = new Claim(ORG, "Grey Heron League", code, "Land " + code, statuses[s], null, DateExpr.ANCHOR,
                        null, false, "Invented report " + i + " on the league's standing in land " + code
                        + ", written to take some room in the table: " + "x".repeat(40), 0.8);
                out.add(new EnrichedArticle(id, "https://outlet" + (i % 7) + ".example/" + id, null, "outlet" + (i % 7),
                        "Headline " + id, null, published, "2025-05-01T00:00:00Z", "en", "Invented body.", ENTITIES,
                        null, null, List.of(c)));
            }
        }
        return out;
    }

    @Test
    void aLargeTableKeepsEveryRowWithinTheBudgetAndSaysWhatItLeftOut() throws Exception {
        int jurisdictions = 40;
        int perRow = 15;
        Map<String, byte[]> last = run(bigOrganisation(jurisdictions, perRow), BUDGET);
        byte[] json = last.get(ORG);
        assertThat(json.length).isLessThanOrEqualTo(BUDGET);
        JsonNode table = Json.MAPPER.readTree(json);
        assertThat(table.get("jurisdictions")).hasSize(jurisdictions);
        Set<String> codes = new HashSet<>();
        int kept = -1;
        for (JsonNode row : table.get("jurisdictions")) {
            codes.add(row.get("code").asText());
            assertThat(row.get("status").asText()).isEqualTo("DELISTED");
            assertThat(row.get("since").asText()).startsWith("2024-09");
            assertThat(row.get("evidenceTotal").asInt()).as("all the row's sentences, not only the 12 newest")
                    .isEqualTo(perRow);
            int n = row.get("evidence").size();
            assertThat(n).isLessThan(12);
            if (kept < 0) {
                kept = n;
            }
            assertThat(n).as("the same number of sentences in every row").isEqualTo(kept);
            if (n > 0) {
                // the newest sentences are the ones kept
                JsonNode newest = row.get("evidence").get(n - 1);
                assertThat(newest.get("published").asText()).startsWith("2024-09");
            }
            assertThat(row.get("historyOmitted").asInt() + row.get("history").size()).isEqualTo(3);
        }
        assertThat(codes).hasSize(jurisdictions);
        // readers of the contract's record still read it
        OrgStatus read = JsonSerde.STATUS.deserializer().deserialize(Topics.STATUS, json);
        assertThat(read.jurisdictions()).hasSize(jurisdictions);
    }

    @Test
    void moreRowsThanTheBudgetCarriesWithoutEvidenceStillPublishesEveryRow() throws Exception {
        int jurisdictions = 130;
        Map<String, byte[]> last = run(bigOrganisation(jurisdictions, 3), TableBound.MIN_MAX_BYTES, false);
        JsonNode table = Json.MAPPER.readTree(last.get(ORG));
        assertThat(table.get("jurisdictions")).hasSize(jurisdictions);
        for (JsonNode row : table.get("jurisdictions")) {
            assertThat(row.get("evidence")).isEmpty();
            assertThat(row.get("evidenceTotal").asInt()).isEqualTo(3);
            assertThat(row.get("status").asText()).isEqualTo("DELISTED");
            assertThat(row.get("history").size() + row.get("historyOmitted").asInt()).isEqualTo(3);
        }
    }

    @Test
    void theSameArticlesInAnyOrderGiveTheSameBoundedBytes() {
        List<EnrichedArticle> articles = bigOrganisation(30, 14);
        byte[] first = run(articles, BUDGET).get(ORG);
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).contains("\"evidenceTotal\"");
        for (long seed = 1; seed <= 2; seed++) {
            List<EnrichedArticle> shuffled = new ArrayList<>(articles);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(run(shuffled, BUDGET).get(ORG)).as("seed %d", seed).isEqualTo(first);
        }
    }

    @Test
    void aTableWithinTheBudgetIsPublishedAsBefore() {
        List<EnrichedArticle> articles = bigOrganisation(3, 5);
        byte[] json = run(articles, null).get(ORG);
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("evidenceTotal")
                .doesNotContain("historyOmitted");
        // byte for byte the contract record's JSON, as the topology wrote it before the budget
        OrgStatus read = JsonSerde.STATUS.deserializer().deserialize(Topics.STATUS, json);
        assertThat(JsonSerde.STATUS.serializer().serialize(Topics.STATUS, read)).isEqualTo(json);
        assertThat(read.jurisdictions()).allSatisfy(r -> assertThat(r.evidence()).hasSize(5));
    }

    @Test
    void aBadBudgetIsRefusedAtStartWithTheReason() {
        for (String bad : List.of("lots", "1000", Integer.toString(2_000_000))) {
            Properties p = new Properties();
            p.put(TableBound.MAX_BYTES_CONFIG, bad);
            assertThatThrownBy(() -> AggregateService.validate(p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(TableBound.MAX_BYTES_CONFIG).hasMessageContaining(bad);
        }
        Properties ok = new Properties();
        AggregateService.validate(ok);
        assertThat(TableBound.maxBytes(ok)).isEqualTo(512 * 1024);
    }
}
