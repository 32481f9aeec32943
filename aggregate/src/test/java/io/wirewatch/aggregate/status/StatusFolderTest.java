package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.time.DateExpr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wirewatch.aggregate.status.Claims.article;
import static io.wirewatch.aggregate.status.Claims.claim;
import static io.wirewatch.aggregate.status.Claims.ledger;
import static io.wirewatch.aggregate.status.Claims.row;
import static org.assertj.core.api.Assertions.assertThat;

class StatusFolderTest {

    private static final DateExpr Y2003 = DateExpr.absolute(2003, null, null);
    private static final DateExpr APRIL_17 = DateExpr.monthDay(4, 17, false);

    @Test
    void noClaimsMeansNoTable() {
        assertThat(StatusFolder.fold(OrgLedger.empty("nobody"))).isNull();
        assertThat(StatusFolder.fold(ledger(OrgEvent.storyAnchor(Claims.ORG, "s1", "2025-04-21")))).isNull();
    }

    @Test
    void laterDatedDelistingBeatsEarlierDesignationWhateverTheApplyOrder() {
        // the older claim has the larger article id, so id order cannot explain the result
        OrgEvent old = article("zz-old", "north-herald", "2010-02-01", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland banned the front today."));
        OrgEvent recent = article("aa-new", "south-wire", "2025-04-21", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));

        for (OrgStatus s : List.of(StatusFolder.fold(ledger(old, recent)), StatusFolder.fold(ledger(recent, old)))) {
            JurisdictionRow xa = row(s, "XA");
            assertThat(xa.status()).isEqualTo("DELISTED");
            assertThat(xa.since()).isEqualTo("2025-04-17");
            assertThat(xa.history()).containsExactly(new HistoryEntry("DESIGNATED", "2010-02-01"),
                    new HistoryEntry("DELISTED", "2025-04-17"));
        }
    }

    @Test
    void aLaterDesignationBeatsAnEarlierDelisting() {
        OrgEvent delisted = article("a1", "north-herald", "2019-06-03", null, null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "Xland removed the front from its list."));
        OrgEvent relisted = article("a0", "south-wire", "2024-01-09", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland listed the front again."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(relisted, delisted)), "XA");
        assertThat(xa.status()).isEqualTo("DESIGNATED");
        assertThat(xa.since()).isEqualTo("2024-01-09");
    }

    @Test
    void historyRunsFromDesignationThroughPendingToDelisting() {
        // a dated article with the ruling and the background, an undated one dated by its story
        OrgEvent ruling = article("art-ruling", "south-wire", "2025-04-21", "story-1", null,
                claim("XA", "DESIGNATED", Y2003, true, "The front had been banned in Xland since 2003."),
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 the high court lifted the ban."));
        OrgEvent request = article("art-request", "north-herald", null, "story-1", null,
                claim("XA", "DELISTING_PENDING", DateExpr.ANCHOR, false, "Prosecutors asked the court to lift the ban."));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "story-1", "2025-04-21");

        JurisdictionRow xa = row(StatusFolder.fold(ledger(request, ruling, anchor)), "XA");
        assertThat(xa.status()).isEqualTo("DELISTED");
        assertThat(xa.since()).isEqualTo("2025-04-17");
        assertThat(xa.history()).containsExactly(
                new HistoryEntry("DESIGNATED", "2003"),
                new HistoryEntry("DELISTING_PENDING", "2025"),
                new HistoryEntry("DELISTED", "2025-04-17"));
    }

    @Test
    void monthDayIsResolvedAgainstThePublishDate() {
        OrgEvent a = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."),
                claim("XB", "DESIGNATED", DateExpr.monthDay(5, 2, false), false, "On May 2 Yland banned the front."));
        OrgStatus s = StatusFolder.fold(ledger(a));
        assertThat(row(s, "XA").since()).isEqualTo("2025-04-17");
        // May 2 has not come yet on April 21, so the sentence means the previous May
        assertThat(row(s, "XB").since()).isEqualTo("2024-05-02");
    }

    @Test
    void monthDayOfAnUndatedArticleIsResolvedAgainstItsStoryDate() {
        OrgEvent undated = article("a1", "north-herald", null, "story-9", null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "story-9", "2025-04-21");

        assertThat(row(StatusFolder.fold(ledger(undated)), "XA").since()).isNull();
        assertThat(row(StatusFolder.fold(ledger(undated, anchor)), "XA").since()).isEqualTo("2025-04-17");
        assertThat(row(StatusFolder.fold(ledger(anchor, undated)), "XA").since()).isEqualTo("2025-04-17");
        // another story's date does not apply
        assertThat(row(StatusFolder.fold(ledger(undated, OrgEvent.storyAnchor(Claims.ORG, "story-8", "2025-04-21"))),
                "XA").since()).isNull();
    }

    @Test
    void thePublishDateWinsOverTheStoryDate() {
        OrgEvent dated = article("a1", "north-herald", "2024-06-01", "story-9", null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "story-9", "2025-04-21");
        assertThat(row(StatusFolder.fold(ledger(dated, anchor)), "XA").since()).isEqualTo("2024-04-17");
    }

    @Test
    void aStoryDateGivesOnlyTheYearOfAnUndatedArticlesNews() {
        OrgEvent undated = article("a1", "north-herald", null, "story-9", null,
                claim("XA", "DELISTING_PENDING", DateExpr.ANCHOR, false, "Xland is moving to lift the ban."));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "story-9", "2025-04-21");
        assertThat(row(StatusFolder.fold(ledger(undated, anchor)), "XA").since()).isEqualTo("2025");
    }

    @Test
    void pendingAndConditionalClaimsNeverMakeADelisting() {
        OrgEvent background = article("a1", "north-herald", "2025-03-01", null, null,
                claim("XA", "DESIGNATED", Y2003, true, "Xland has banned the front since 2003."));
        OrgEvent conditional = article("a2", "south-wire", "2025-04-10", null, null,
                claim("XA", "DELISTING_PENDING", DateExpr.monthDay(4, 17, true), false,
                        "If the court agrees on April 17, the ban would end."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(conditional, background)), "XA");
        assertThat(xa.status()).isEqualTo("DELISTING_PENDING");
        assertThat(xa.since()).isEqualTo("2025-04-17");
        assertThat(xa.history()).extracting(HistoryEntry::status).doesNotContain("DELISTED");
    }

    @Test
    void aPendingClaimNeverOverridesAFinalDecisionOfTheSameDate() {
        OrgEvent hearing = article("zz", "north-herald", "2025-04-10", null, null,
                claim("XA", "DELISTING_PENDING", DateExpr.monthDay(4, 17, true), false,
                        "A hearing on the ban is set for April 17."));
        OrgEvent ruling = article("aa", "south-wire", "2025-04-21", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 the court lifted the ban."));
        for (OrgLedger l : List.of(ledger(hearing, ruling), ledger(ruling, hearing))) {
            JurisdictionRow xa = row(StatusFolder.fold(l), "XA");
            assertThat(xa.status()).isEqualTo("DELISTED");
            assertThat(xa.history()).containsExactly(new HistoryEntry("DELISTING_PENDING", "2025-04-17"),
                    new HistoryEntry("DELISTED", "2025-04-17"));
        }
    }

    @Test
    void anUndatedStandingBanDoesNotInterruptAPendingRemoval() {
        OrgEvent request = article("a1", "north-herald", "2025-04-02", null, null,
                claim("XA", "DELISTING_PENDING", DateExpr.ANCHOR, false, "Xland asked its court to lift the ban."));
        OrgEvent still = article("a2", "south-wire", "2025-04-05", null, null,
                claim("XA", "DESIGNATED", DateExpr.UNKNOWN, false, "The front is still banned in Xland."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(still, request)), "XA");
        assertThat(xa.status()).isEqualTo("DELISTING_PENDING");
        assertThat(xa.since()).isEqualTo("2025-04-02");
    }

    @Test
    void aCoarseDateIsRefinedByAFinerCompatibleDateOfTheSameStatus() {
        OrgEvent coarse = article("a1", "north-herald", null, "story-2", null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "Xland has now lifted the ban."));
        OrgEvent fine = article("a2", "south-wire", "2025-04-21", "story-2", null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "story-2", "2025-04-21");

        JurisdictionRow xa = row(StatusFolder.fold(ledger(coarse, fine, anchor)), "XA");
        assertThat(xa.since()).isEqualTo("2025-04-17");
        assertThat(xa.history()).containsExactly(new HistoryEntry("DELISTED", "2025-04-17"));
        assertThat(xa.evidence()).hasSize(2);
    }

    @Test
    void anIncompatibleDateIsNotRefined() {
        OrgEvent a = article("a1", "north-herald", "2024-09-01", null, null,
                claim("XA", "DELISTED", DateExpr.absolute(2024, null, null), false, "Xland lifted the ban in 2024."));
        OrgEvent b = article("a2", "south-wire", "2025-04-21", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(a, b)), "XA");
        assertThat(xa.since()).isEqualTo("2024");
        assertThat(xa.history()).containsExactly(new HistoryEntry("DELISTED", "2024"));
    }

    @Test
    void eachNamedListGetsItsOwnRowUnnamedClaimsShareTheJurisdictionRow() {
        OrgEvent a = article("a1", "north-herald", "2025-04-21", null, null,
                claim("UN", "SANCTIONED", "sanctions", DateExpr.UNKNOWN, false, "The front is under UN sanctions."),
                claim("UN", "DESIGNATED", null, DateExpr.UNKNOWN, false, "The UN lists the front as terrorist."),
                claim("XU", "DESIGNATED", "FTO", Y2003, true, "Xunited named it a foreign terrorist group in 2003."),
                claim("XU", "DESIGNATED", "SDGT", DateExpr.ANCHOR, false, "Xunited also added a global listing."),
                claim("XU", "DELISTED", null, DateExpr.ANCHOR, false, "Xunited lifted its visa ban on the front."));
        OrgEvent b = article("a2", "south-wire", "2025-05-02", null, null,
                claim("XU", "DELISTED", "FTO", DateExpr.ANCHOR, false, "Xunited revoked the front's foreign terrorist listing."));
        OrgStatus s = StatusFolder.fold(ledger(a, b));

        assertThat(s.jurisdictions()).extracting(r -> r.code() + "/" + r.list())
                .containsExactlyInAnyOrder("UN/sanctions", "UN/null", "XU/FTO", "XU/SDGT", "XU/null");
        assertThat(row(s, "UN", "sanctions").status()).isEqualTo("SANCTIONED");
        assertThat(row(s, "UN", null).status()).isEqualTo("DESIGNATED");
        // one list's revocation leaves the other list and the unnamed row alone
        JurisdictionRow fto = row(s, "XU", "FTO");
        assertThat(fto.history()).containsExactly(new HistoryEntry("DESIGNATED", "2003"),
                new HistoryEntry("DELISTED", "2025-05-02"));
        assertThat(row(s, "XU", "SDGT").status()).isEqualTo("DESIGNATED");
        assertThat(row(s, "XU", "SDGT").since()).isEqualTo("2025-04-21");
        assertThat(row(s, "XU", null).status()).isEqualTo("DELISTED");
    }

    @Test
    void evidenceCarriesTheArticleAndTheSentence() {
        OrgEvent a = article("art-7", "north-herald", "2025-04-21", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(a)), "XA");
        assertThat(xa.evidence()).containsExactly(new Evidence("art-7", "https://north-herald.example/art-7",
                "north-herald", "2025-04-21", "On April 17 Xland lifted the ban."));
        assertThat(xa.name()).isEqualTo("Land XA");
    }

    @Test
    void evidenceIsOrderedByPublishDateAndCapped() {
        OrgEvent[] events = new OrgEvent[StatusFolder.MAX_EVIDENCE + 3];
        for (int i = 0; i < events.length; i++) {
            events[i] = article(String.format("a%02d", i), "outlet" + i, String.format("2025-01-%02d", i + 1), null,
                    null, claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland keeps the ban, report " + i + "."));
        }
        List<Evidence> ev = row(StatusFolder.fold(ledger(events)), "XA").evidence();
        assertThat(ev).hasSize(StatusFolder.MAX_EVIDENCE);
        // the newest evidence is kept
        assertThat(ev.get(ev.size() - 1).articleId()).isEqualTo(String.format("a%02d", events.length - 1));
        assertThat(ev).extracting(Evidence::published).isSorted();
    }

    @Test
    void duplicatesDoNotCountAsExtraSources() {
        OrgEvent original = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        OrgEvent copy = article("a2", "copy-desk", "2025-04-21", null, "a1",
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        OrgEvent independent = article("a3", "south-wire", "2025-04-22", null, null,
                claim("XA", "DELISTED", APRIL_17, false, "Xland's court ended the ban on April 17."));

        JurisdictionRow alone = row(StatusFolder.fold(ledger(original)), "XA");
        JurisdictionRow withCopy = row(StatusFolder.fold(ledger(original, copy)), "XA");
        JurisdictionRow withSecond = row(StatusFolder.fold(ledger(original, copy, independent)), "XA");

        assertThat(alone.sources()).isEqualTo(1);
        assertThat(withCopy.sources()).isEqualTo(1);
        assertThat(withCopy.confidence()).isEqualTo(alone.confidence());
        assertThat(withSecond.sources()).isEqualTo(2);
        assertThat(withSecond.confidence()).isGreaterThan(alone.confidence());
    }

    @Test
    void aReprocessedArticleReplacesItsClaimsAndNeverCountsTwice() {
        OrgEvent first = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland banned the front."));
        OrgEvent again = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DELISTED", DateExpr.ANCHOR, false, "Xland lifted the ban."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(first, again, again)), "XA");
        assertThat(xa.status()).isEqualTo("DELISTED");
        assertThat(xa.history()).hasSize(1);
        assertThat(xa.evidence()).hasSize(1);
        assertThat(xa.sources()).isEqualTo(1);
    }

    @Test
    void nameAndAliasesComeFromTheArticles() {
        OrgStatus s = StatusFolder.fold(ledger(article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland banned the front."))));
        assertThat(s.id()).isEqualTo(Claims.ORG);
        assertThat(s.name()).isEqualTo(Claims.ORG_NAME);
        assertThat(s.aliases()).containsExactly("RLF");
    }

    @Test
    void aClaimWithAnUnknownStatusIsIgnoredNotFatal() {
        OrgEvent bad = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "RECOGNIZED", DateExpr.ANCHOR, false, "Xland recognised the front."),
                claim("XB", "DESIGNATED", DateExpr.ANCHOR, false, "Yland banned the front."));
        OrgStatus s = StatusFolder.fold(ledger(bad));
        assertThat(s.jurisdictions()).extracting(JurisdictionRow::code).containsExactly("XB");
    }

    @Test
    void aScheduledDateDoesNotRefineWhenThePendingStateBegan() {
        OrgEvent request = article("a1", "north-herald", null, "story-3", null,
                claim("XA", "DELISTING_PENDING", DateExpr.ANCHOR, false, "Xland asked its court to lift the ban."));
        OrgEvent hearing = article("a2", "south-wire", "2025-04-10", "story-3", null,
                claim("XA", "DELISTING_PENDING", DateExpr.monthDay(4, 17, true), false,
                        "A hearing on the ban is set for April 17."));
        OrgEvent anchor = OrgEvent.storyAnchor(Claims.ORG, "story-3", "2025-04-10");
        JurisdictionRow xa = row(StatusFolder.fold(ledger(request, hearing, anchor)), "XA");
        assertThat(xa.since()).isEqualTo("2025");

        // a past date of the same state does refine it
        OrgEvent dated = article("a3", "east-post", "2025-04-10", "story-3", null,
                claim("XA", "DELISTING_PENDING", DateExpr.monthDay(4, 3, false), false,
                        "On April 3 Xland asked its court to lift the ban."));
        assertThat(row(StatusFolder.fold(ledger(request, hearing, anchor, dated)), "XA").since())
                .isEqualTo("2025-04-03");
    }

    @Test
    void copiesAloneAreOneSourceNotNone() {
        OrgEvent copy = article("a2", "copy-desk", "2025-04-21", null, "a1",
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        OrgEvent otherCopy = article("a3", "copy-shop", "2025-04-21", null, "a1",
                claim("XA", "DELISTED", APRIL_17, false, "On April 17 Xland lifted the ban."));
        JurisdictionRow xa = row(StatusFolder.fold(ledger(copy, otherCopy)), "XA");
        assertThat(xa.sources()).isEqualTo(1);
        assertThat(xa.confidence()).isEqualTo(0.8);
    }

    @Test
    void theNameMostArticlesUseWinsAndTheOthersBecomeAliases() {
        OrgEvent a = article("a1", "north-herald", "2025-04-21", null, null,
                claim("XA", "DESIGNATED", DateExpr.ANCHOR, false, "Xland banned the front."));
        OrgEvent b = article("a2", "south-wire", "2025-04-22", null, null,
                claim("XB", "DESIGNATED", DateExpr.ANCHOR, false, "Yland banned the front."));
        io.wirewatch.common.model.Claim variant = new io.wirewatch.common.model.Claim(Claims.ORG, "Lantern Front",
                "XC", "Land XC", "DESIGNATED", null, DateExpr.ANCHOR, null, false, "Zland banned it.", 0.8);
        OrgEvent c = OrgEvent.claims(Claims.ORG, "Lantern Front", List.of(), "a3", List.of(
                new ClaimRecord(variant, "a3", "https://x.example/a3", "x", "2025-04-23", null, null)));
        for (OrgLedger l : List.of(ledger(a, b, c), ledger(c, b, a), ledger(b, c, a))) {
            OrgStatus s = StatusFolder.fold(l);
            assertThat(s.name()).isEqualTo(Claims.ORG_NAME);
            assertThat(s.aliases()).containsExactly("Lantern Front", "RLF");
        }
    }
}
