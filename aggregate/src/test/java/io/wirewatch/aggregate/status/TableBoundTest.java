package io.wirewatch.aggregate.status;

import io.wirewatch.common.Topics;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.JsonSerde;
import io.wirewatch.common.time.DateExpr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.wirewatch.aggregate.status.Claims.article;
import static io.wirewatch.aggregate.status.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link TableBound} on folded tables: the cut it picks is the largest that fits, sized exactly. */
class TableBoundTest {

    private final MemoryFoldState state = new MemoryFoldState();
    private final OrgFold fold = new OrgFold(state);

    /** Rows XAA.. with {@code perRow} articles each, designated then delisted, sentences of varied length. */
    private OrgStatus table(int rows, int perRow) {
        OrgStatus s = null;
        for (int j = 0; j < rows; j++) {
            String code = "X" + (char) ('A' + j / 26) + (char) ('A' + j % 26);
            for (int i = 0; i < perRow; i++) {
                String status = i < perRow / 2 ? "DESIGNATED" : "DELISTED";
                String published = String.format("2024-%02d-%02d", 1 + i % 12, 1 + (i * 7 + j) % 28);
                OrgFold.Change c = fold.apply(article("a-" + code + "-" + i, "outlet" + i % 5, published, null, null,
                        claim(code, status, DateExpr.ANCHOR, false,
                                "Invented line " + i + " about " + code + " \"quoted\" é" + "y".repeat((i * 13 + j) % 90))));
                if (c.changed()) {
                    s = c.status();
                }
            }
        }
        return s;
    }

    private TableBound.Published publish(OrgStatus t, int budget) {
        return OrgFold.publish(state, Claims.ORG, t, budget);
    }

    @Test
    void everyBudgetGetsTheLargestCutThatFitsAndThatCutFitsItsOwnSizeExactly() {
        OrgStatus t = table(60, 16);
        int whole = JsonSerde.STATUS.serializer().serialize(Topics.STATUS, t).length;
        assertThat(whole).isGreaterThan(64 * 1024);
        List<TableBound.Published> seen = new ArrayList<>();
        for (int budget = 4 * 1024; budget <= whole + 1024; budget += 997) {
            TableBound.Published p = publish(t, budget);
            if (budget >= whole) {
                assertThat(p.cut()).isFalse();
                assertThat(p.json()).isEqualTo(JsonSerde.STATUS.serializer().serialize(Topics.STATUS, t));
                continue;
            }
            assertThat(p.cut()).isTrue();
            boolean floor = p.evidencePerRow() == 0 && p.historyPerRow() == 0;
            if (!floor) {
                assertThat(p.json().length).isLessThanOrEqualTo(budget);
            }
            // sized exactly: given its own size as the budget, the same cut is chosen
            TableBound.Published again = publish(t, p.json().length);
            assertThat(again.json()).isEqualTo(p.json());
            seen.add(p);
        }
        // the cuts grow with the budget: evidence first, history only once no evidence is left
        for (int i = 1; i < seen.size(); i++) {
            TableBound.Published a = seen.get(i - 1);
            TableBound.Published b = seen.get(i);
            assertThat(rank(b)).isGreaterThanOrEqualTo(rank(a));
        }
        assertThat(seen).anySatisfy(p -> assertThat(p.evidencePerRow()).isBetween(1, 11));
        assertThat(seen).anySatisfy(p -> assertThat(p.historyPerRow()).isEqualTo(1));
    }

    private static int rank(TableBound.Published p) {
        return p.historyPerRow() < 0 ? 100 + p.evidencePerRow() : p.historyPerRow();
    }

    @Test
    void aRowsEvidenceCountFollowsRetractions() {
        table(2, 16);
        RowState row = state.rows().get(Claims.ORG + FoldState.SEP + "XAA" + FoldState.SEP);
        assertThat(row.evidence()).isEqualTo(16);
        // the article now says something else about another land: its sentence leaves XAA
        fold.apply(article("a-XAA-0", "outlet0", "2024-01-01", null, null,
                claim("XZZ", "DESIGNATED", DateExpr.ANCHOR, false, "Another invented line.")));
        assertThat(state.rows().get(Claims.ORG + FoldState.SEP + "XAA" + FoldState.SEP).evidence()).isEqualTo(15);
        // a copy in another article is an entry of its own (evidence is keyed by date, article and sentence)
        fold.apply(article("a-copy", "copy-desk", "2024-01-01", null, "a-XZZ",
                claim("XZZ", "DESIGNATED", DateExpr.ANCHOR, false, "Another invented line.")));
        assertThat(state.rows().get(Claims.ORG + FoldState.SEP + "XZZ" + FoldState.SEP).evidence()).isEqualTo(2);
    }

    @Test
    void aTableStoredPastTheStoresLimitIsCutAndItsRowsAreRefoldedWholeWhenNeeded() {
        // 80 rows of 13 articles with sentences of ~1 KB: over 1 MB of JSON
        List<OrgEvent> events = new ArrayList<>();
        for (int j = 0; j < 80; j++) {
            String code = "X" + (char) ('A' + j / 26) + (char) ('A' + j % 26);
            for (int i = 0; i < 13; i++) {
                events.add(article("b-" + code + "-" + i, "outlet" + i % 5, String.format("2024-03-%02d", 1 + i), null,
                        null, claim(code, "DESIGNATED", DateExpr.ANCHOR, false, "Invented " + i + " " + "z".repeat(1000))));
            }
        }
        OrgFold.Change last = null;
        for (OrgEvent e : events) {
            OrgFold.Change c = fold.apply(e);
            if (c.changed()) {
                last = c;
            }
        }
        assertThat(JsonSerde.STATUS.serializer().serialize(Topics.STATUS, last.status()).length).isGreaterThan(1_000_000);
        assertThat(last.status().jurisdictions()).allSatisfy(r -> assertThat(r.evidence()).hasSize(12));
        OrgStatus stored = state.allTables().get(Claims.ORG);
        assertThat(JsonSerde.STATUS.serializer().serialize(Topics.STATUS, stored).length)
                .isLessThanOrEqualTo(TableBound.STORE_MAX_BYTES);
        assertThat(io.wirewatch.common.serde.SmileSerde.of(OrgStatus.class).serializer().serialize("", stored).length)
                .isLessThan(1_000_000);
        assertThat(stored.jurisdictions()).hasSize(80).allSatisfy(r -> assertThat(r.evidence().size()).isLessThan(12));

        // one more article in one row: the other rows come back whole from their state, not from the cut store
        OrgFold.Change c = fold.apply(article("b-late", "outlet9", "2024-04-01", null, null,
                claim("XAA", "DESIGNATED", DateExpr.ANCHOR, false, "A later invented line.")));
        assertThat(c.changed()).isTrue();
        assertThat(c.status().jurisdictions()).allSatisfy(r -> assertThat(r.evidence()).hasSize(12));

        // and the same articles in another order give the same bytes
        MemoryFoldState other = MemoryFoldState.serialized();
        OrgFold otherFold = new OrgFold(other);
        List<OrgEvent> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        reversed.add(0, article("b-late", "outlet9", "2024-04-01", null, null,
                claim("XAA", "DESIGNATED", DateExpr.ANCHOR, false, "A later invented line.")));
        OrgFold.Change o = null;
        for (OrgEvent e : reversed) {
            OrgFold.Change x = otherFold.apply(e);
            if (x.changed()) {
                o = x;
            }
        }
        assertThat(o.json()).isEqualTo(c.json());
        assertThat(other.allTables().get(Claims.ORG)).isEqualTo(state.allTables().get(Claims.ORG));
    }
}
