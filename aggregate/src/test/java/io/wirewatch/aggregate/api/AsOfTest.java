package io.wirewatch.aggregate.api;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.wirewatch.aggregate.api.TestOrgs.history;
import static io.wirewatch.aggregate.api.TestOrgs.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfTest {

    private static final List<HistoryEntry> RU = history("DESIGNATED", "2003", "DELISTING_PENDING", "2025", "DELISTED", "2025-04-17");

    private static String statusOf(List<HistoryEntry> h, String x) {
        JurisdictionRow r = AsOf.at(row("XX", "X", null, h), x);
        return r == null ? null : r.status() + "@" + r.since();
    }

    @ParameterizedTest(name = "as of {0}: {1}")
    @CsvSource(nullValues = "none", value = {
            "2002, none",
            "2002-12-31, none",
            "2003, DESIGNATED@2003",
            "2003-01-01, DESIGNATED@2003",
            "2024-12-31, DESIGNATED@2003",
            // a year-only pending claim counts from the start of its year, and as of any day in it
            "2025-01-01, DELISTING_PENDING@2025",
            "2025-04-16, DELISTING_PENDING@2025",
            "2025-04-17, DELISTED@2025-04-17",
            // a coarse X means the end of that period
            "2025-04, DELISTED@2025-04-17",
            "2025-03, DELISTING_PENDING@2025",
            "2025, DELISTED@2025-04-17",
            "2030, DELISTED@2025-04-17"})
    void datedHistory(String x, String expected) {
        assertThat(statusOf(RU, x)).isEqualTo(expected);
    }

    @Test
    void historyIsCutAtTheDateAndTheRowTakesTheEntryInEffect() {
        JurisdictionRow r = AsOf.at(row("RU", "Russia", null, RU, TestOrgs.evidence("a", "o.example", "2025-04-21", "s")), "2025-02");
        assertThat(r.status()).isEqualTo("DELISTING_PENDING");
        assertThat(r.since()).isEqualTo("2025");
        assertThat(r.history()).containsExactly(new HistoryEntry("DESIGNATED", "2003"), new HistoryEntry("DELISTING_PENDING", "2025"));
        assertThat(r.code()).isEqualTo("RU");
        assertThat(r.name()).isEqualTo("Russia");
        assertThat(r.evidence()).hasSize(1); // evidence is what we know today: kept
        assertThat(r.sources()).isEqualTo(1);
    }

    @Test
    void undatedOnlyRowsAreKeptForEveryDate() {
        List<HistoryEntry> h = history("SANCTIONED", null);
        for (String x : List.of("1900", "2003-05", "2025-04-17", "2999")) {
            assertThat(statusOf(h, x)).as(x).isEqualTo("SANCTIONED@null");
        }
        // several undated entries: the last (the current status) stands
        assertThat(statusOf(history("DESIGNATED", null, "DELISTED", null), "2000")).isEqualTo("DELISTED@null");
    }

    @Test
    void anUndatedEntryBeforeTheFirstDatedOneFillsTheTimeBeforeIt() {
        List<HistoryEntry> h = history("DESIGNATED", null, "DELISTED", "2025-04-17");
        assertThat(statusOf(h, "2020")).isEqualTo("DESIGNATED@null");
        assertThat(statusOf(h, "2025-04-17")).isEqualTo("DELISTED@2025-04-17");
        JurisdictionRow r = AsOf.at(row("XX", "X", null, h), "2020");
        assertThat(r.history()).containsExactly(new HistoryEntry("DESIGNATED", null));
        // and the dated history after it is kept once in effect, the undated entry with it
        assertThat(AsOf.at(row("XX", "X", null, h), "2026").history()).containsExactlyElementsOf(h);
    }

    @Test
    void anUndatedEntryAfterADatedOneDoesNotOverrideIt() {
        // "designated in 2003", later "has been delisted" without a date: when is unknown
        List<HistoryEntry> h = history("DESIGNATED", "2003", "DELISTED", null);
        assertThat(statusOf(h, "2010")).isEqualTo("DESIGNATED@2003");
        assertThat(statusOf(h, "2002")).isNull(); // before the first dated entry, and the undated one comes after it
        // an undated entry between two dated ones is known to precede the later one
        List<HistoryEntry> h2 = history("DESIGNATED", "2003", "DELISTING_PENDING", null, "DELISTED", "2024-05");
        assertThat(statusOf(h2, "2020")).isEqualTo("DESIGNATED@2003");
        assertThat(AsOf.at(row("XX", "X", null, h2), "2024-06").history()).containsExactlyElementsOf(h2);
    }

    @Test
    void equalDatesTakeTheLaterEntryOfTheHistory() {
        // the fold orders a final decision after a pending claim of the same date
        List<HistoryEntry> h = history("DELISTING_PENDING", "2025-04-17", "DELISTED", "2025-04-17");
        assertThat(statusOf(h, "2025-04-17")).isEqualTo("DELISTED@2025-04-17");
        assertThat(statusOf(h, "2025-04-16")).isNull();
    }

    @Test
    void dateTimesInHistoryCompareByTheirDay() {
        List<HistoryEntry> h = history("DESIGNATED", "2025-04-17T10:00:00Z");
        assertThat(statusOf(h, "2025-04-17")).isEqualTo("DESIGNATED@2025-04-17T10:00:00Z");
        assertThat(statusOf(h, "2025-04-16")).isNull();
    }

    @Test
    void rowWithoutHistoryUsesItsOwnStatusAndSince() {
        JurisdictionRow bare = new JurisdictionRow("FR", "France", null, "DESIGNATED", "2010", null, List.of(), 1, 0.5);
        assertThat(AsOf.at(bare, "2011").status()).isEqualTo("DESIGNATED");
        assertThat(AsOf.at(bare, "2009")).isNull();
        JurisdictionRow empty = new JurisdictionRow("FR", "France", null, "DESIGNATED", null, List.of(), List.of(), 1, 0.5);
        assertThat(AsOf.at(empty, "1990").status()).isEqualTo("DESIGNATED");
    }

    @Test
    void wholeTableDropsRowsWithNothingByThenAndKeepsOrderAndIdentity() {
        OrgStatus org = TestOrgs.northernFront();
        OrgStatus before = AsOf.at(org, "2002");
        assertThat(before.id()).isEqualTo("northern-front");
        assertThat(before.name()).isEqualTo("Northern Liberation Front");
        assertThat(before.aliases()).containsExactly("NLF", "Front du Nord");
        // RU had nothing before 2003, KZ nothing before 2024; the undated UN and US rows stay
        assertThat(before.jurisdictions()).extracting(JurisdictionRow::code).containsExactly("UN", "US");

        OrgStatus mid = AsOf.at(org, "2024-06");
        assertThat(mid.jurisdictions()).extracting(r -> r.code() + ":" + r.status())
                .containsExactly("RU:DESIGNATED", "UN:SANCTIONED", "KZ:DELISTED", "US:DESIGNATED");

        OrgStatus now = AsOf.at(org, "2099-12-31");
        assertThat(now).isEqualTo(org); // every entry dated or leading: today's table is the current one

        assertThat(AsOf.at(new OrgStatus("x", "X", List.of(), List.of()), "2020").jurisdictions()).isEmpty();
        assertThat(AsOf.at(new OrgStatus("x", "X", List.of(), null), "2020").jurisdictions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025", "2025-04", "2025-04-17", " 2025-04-17 ", "0001", "2024-02-29"})
    void parseAcceptsIsoDatesOfAnyPrecision(String raw) {
        assertThat(AsOf.parse(raw)).isEqualTo(raw.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "25", "20250", "2025-4", "2025-04-1", "2025-13", "2025-00", "2025-02-30", "2023-02-29",
            "2025/04/17", "17-04-2025", "2025-04-17T00:00:00Z", "yesterday", "2025-04-17;drop"})
    void parseRejectsAnythingElse(String raw) {
        assertThatThrownBy(() -> AsOf.parse(raw)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asOf");
    }

    @Test
    void parseRejectsNull() {
        assertThatThrownBy(() -> AsOf.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
