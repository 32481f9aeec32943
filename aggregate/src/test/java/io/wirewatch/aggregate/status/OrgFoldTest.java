package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.time.DateExpr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wirewatch.aggregate.status.Claims.article;
import static io.wirewatch.aggregate.status.Claims.claim;
import static io.wirewatch.aggregate.status.Claims.ledger;
import static io.wirewatch.aggregate.status.Claims.row;
import static org.assertj.core.api.Assertions.assertThat;

/** The incremental fold: what it emits, what it retracts, and how much state it keeps. */
class OrgFoldTest {

    private static final DateExpr APRIL_16 = DateExpr.monthDay(4, 16, false);
    private static final DateExpr APRIL_17 = DateExpr.monthDay(4, 17, false);

    private final MemoryFoldState state = new MemoryFoldState();
    private final OrgFold fold = new OrgFold(state);

    private OrgFold.Change apply(OrgEvent e) {
        return fold.apply(e);
    }

    private static OrgEvent delisted(String id, String outlet, String duplicateOf, DateExpr date) {
        return article(id, outlet, "2025-04-21", null, duplicateOf,
                claim("XA", "DELISTED", date, false, "Report " + id + ": Xland lifted the ban."));
    }

    @Test
    void theSameArticleAgainChangesNothingAndEmitsNothing() {
        OrgEvent a = delisted("a1", "north-herald", null, APRIL_17);
        assertThat(apply(a).changed()).isTrue();
        assertThat(apply(a)).isEqualTo(new OrgFold.Change(false, null));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "s1", "2025-04-21");
        apply(anchor);
        assertThat(apply(anchor).changed()).isFalse();
    }

    @Test
    void aReSentArticleRetractsItsOldClaimsFromEveryRow() {
        apply(article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland banned the front."),
                claim("XB", "DESIGNATED", DateExpr.ANCHOR, false, "Yland banned the front.")));
        OrgEvent corrected = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "Xland lifted the ban."));
        OrgStatus s = apply(corrected).status();

        assertThat(Json.write(s)).isEqualTo(Json.write(StatusFolder.fold(ledger(corrected))));
        assertThat(s.jurisdictions()).extracting(JurisdictionRow::code).containsExactly("XA");
        // nothing of the first version is left behind in the state
        assertThat(state.rows().get(Claims.ORG + FoldState.SEP + "XB" + FoldState.SEP)).isNull();
        assertThat(state.lastEvidence(Claims.ORG + FoldState.SEP + "XB" + FoldState.SEP, 12)).isEmpty();
    }

    @Test
    void anArticleThatLosesItsLastClaimRemovesTheTable() {
        apply(delisted("a1", "north-herald", null, APRIL_17));
        OrgFold.Change c = apply(OrgEvent.claims(Claims.ORG, Claims.ORG_NAME, List.of(), "a1", List.of()));
        assertThat(c.changed()).isTrue();
        assertThat(c.status()).isNull(); // the processor sends a tombstone
    }

    @Test
    void aChangedStoryDateReDatesTheUndatedArticlesOfThatStory() {
        OrgEvent undated = article("u1", "north-herald", null, "s1", null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        apply(OrgEvent.storyAnchor(Claims.ORG, "s1", "2025-04-21"));
        apply(undated);
        assertThat(row(state.allTables().get(Claims.ORG), "XA").since()).isEqualTo("2025-04-17");

        OrgEvent earlier = OrgEvent.storyAnchor(Claims.ORG, "s1", "2024-05-01");
        OrgStatus s = apply(earlier).status();
        assertThat(row(s, "XA").since()).isEqualTo("2024-04-17");
        assertThat(Json.write(s)).isEqualTo(Json.write(StatusFolder.fold(ledger(undated, earlier))));
    }

    @Test
    void conflictingDatesAreSettledByIndependentSourcesNotByCopies() {
        apply(delisted("a1", "north-herald", null, APRIL_16));
        apply(delisted("a2", "south-wire", null, APRIL_17));
        // copies of a2 and a second article of the same outlet add no independent source
        apply(delisted("a3", "copy-desk", "a2", APRIL_17));
        apply(delisted("a4", "copy-shop", "a2", APRIL_17));
        OrgStatus tie = apply(delisted("a5", "south-wire", null, APRIL_17)).status();
        assertThat(row(tie, "XA").since()).as("one source each: the earliest").isEqualTo("2025-04-16");
        assertThat(row(tie, "XA").sources()).isEqualTo(2);

        OrgStatus settled = apply(delisted("a6", "east-post", null, APRIL_17)).status();
        assertThat(row(settled, "XA").since()).isEqualTo("2025-04-17");
        assertThat(row(settled, "XA").history()).containsExactly(new HistoryEntry("DELISTED", "2025-04-17"));
        assertThat(row(settled, "XA").sources()).isEqualTo(3);
    }

    @Test
    void conflictingDecisionsOfOneDateAreSettledByTheirSources() {
        OrgEvent lifted = article("a1", "north-herald", "2025-04-17", null, null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "Xland lifted the ban today."));
        OrgEvent kept = article("a2", "south-wire", "2025-04-17", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland kept the ban today."));
        OrgEvent keptToo = article("a3", "east-post", "2025-04-17", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland's ban stays, the court said today."));
        assertThat(row(StatusFolder.fold(ledger(lifted, kept, keptToo)), "XA").status()).isEqualTo("DESIGNATED");
        OrgEvent liftedToo = article("a4", "west-news", "2025-04-17", null, null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "The ban was lifted in Xland today."));
        OrgEvent liftedThird = article("a5", "far-daily", "2025-04-17", null, null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "Xland ended its ban today."));
        assertThat(row(StatusFolder.fold(ledger(lifted, kept, keptToo, liftedToo, liftedThird)), "XA").status())
                .isEqualTo("DELISTED");
    }

    @Test
    void theStateOfARowGrowsWithItsDatesAndOutletsNotWithItsClaims() {
        for (int i = 0; i < 2000; i++) {
            apply(article(String.format("bulk-%05d", i), "outlet-" + (i % 20), "2025-04-21", null, null,
                    claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Report " + i + ": Xland keeps the ban.")));
        }
        RowState row = state.rows().get(Claims.ORG + FoldState.SEP + "XA" + FoldState.SEP);
        assertThat(row.points()).hasSize(1);
        assertThat(row.points().values().iterator().next().weight()).isEqualTo(20);
        assertThat(row.points().values().iterator().next().claims()).isEqualTo(2000);
        assertThat(row.support().get("DESIGNATED").outlets()).containsExactly(java.util.Map.entry(800, 20));
        JurisdictionRow xa = row(state.allTables().get(Claims.ORG), "XA");
        assertThat(xa.sources()).isEqualTo(20);
        assertThat(xa.evidence()).hasSize(StatusFolder.MAX_EVIDENCE);
        assertThat(xa.evidence().get(StatusFolder.MAX_EVIDENCE - 1).articleId()).isEqualTo("bulk-01999");
    }
}
