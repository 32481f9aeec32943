package io.wirewatch.enrich.claims;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.time.DateExpr;
import io.wirewatch.enrich.entities.EntityTagger;
import io.wirewatch.enrich.entities.KnowledgeBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Status claims from short sentences written for these tests. */
class ClaimExtractorTest {

    private static final KnowledgeBase KB = KnowledgeBase.loadDefault();
    private static final EntityTagger TAGGER = new EntityTagger(KB);
    private static final ClaimExtractor EXTRACTOR = new ClaimExtractor(KB);

    private static List<Claim> claims(String text, String published) {
        return EXTRACTOR.extract(text, TAGGER.tag(text).mentions(), published);
    }

    @Test
    void liftedBanIsDelistedOnTheStatedDate() {
        List<Claim> cs = claims("Kenya's High Court lifted the ban on al-Shabaab on March 3, 2021.", null);

        assertThat(cs).extracting(Claim::org, Claim::jurisdiction, Claim::status, Claim::since)
                .containsExactly(tuple("al-shabaab", "KE", "DELISTED", "2021-03-03"));
        assertThat(cs.get(0).date().kind()).isEqualTo(DateExpr.Kind.ABSOLUTE);
        assertThat(cs.get(0).background()).isFalse();
    }

    @Test
    void monthAndDayWithoutYearResolveAgainstThePublishDate() {
        List<Claim> cs = claims("On June 5, Canada revoked the listing of Hamas.", "2024-06-09");

        assertThat(cs).extracting(Claim::jurisdiction, Claim::status, Claim::since)
                .containsExactly(tuple("CA", "DELISTED", "2024-06-05"));
        assertThat(cs.get(0).date()).isEqualTo(DateExpr.monthDay(6, 5, false));
    }

    @Test
    void designationIsDesignated() {
        List<Claim> cs = claims("Japan designated Boko Haram as a terrorist organization in 2014.", null);

        assertThat(cs).extracting(Claim::org, Claim::jurisdiction, Claim::status, Claim::since)
                .containsExactly(tuple("boko-haram", "JP", "DESIGNATED", "2014"));
    }

    @Test
    void askingTheCourtToLiftABanIsPendingNotDone() {
        List<Claim> cs = claims("Lebanon's justice ministry asked the court to lift the ban on Hezbollah.", "2024-02-01");

        assertThat(cs).extracting(Claim::jurisdiction, Claim::status)
                .containsExactly(tuple("LB", "DELISTING_PENDING"));
    }

    @Test
    void conditionalEndIsPendingNeverDelisted() {
        List<Claim> cs = claims("If approved, the bill would end Germany's ban on Samidoun.", "2024-02-01");

        assertThat(cs).extracting(Claim::status).containsOnly("DELISTING_PENDING").isNotEmpty();
        assertThat(cs).extracting(Claim::jurisdiction).containsOnly("DE");
    }

    @Test
    void negatedStatementsClaimNothing() {
        assertThat(claims("Dropping the listing does not constitute recognition of the Haqqani Network.", null)).isEmpty();
        assertThat(claims("Norway has not lifted its ban on Hamas.", null)).isEmpty();
    }

    @Test
    void sanctionsAreSanctionedByTheBodyThatImposesThem() {
        List<Claim> cs = claims("Al-Shabaab remains subject to UN Security Council sanctions.", null);

        assertThat(cs).extracting(Claim::org, Claim::jurisdiction, Claim::status, Claim::list)
                .containsExactly(tuple("al-shabaab", "UN", "SANCTIONED", "sanctions"));
    }

    @Test
    void anInitialismDoesNotEndTheSentence() {
        // "the U.N. Security Council" must stay one sentence, or "sanctions" loses its body
        List<Claim> cs = claims("The vote leaves in place the U.N. Security Council sanctions on al-Shabaab.", null);

        assertThat(cs).extracting(Claim::jurisdiction, Claim::status).containsExactly(tuple("UN", "SANCTIONED"));
    }

    @Test
    void coordinatedSubjectsEachGetTheClaim() {
        List<Claim> two = claims("Uzbekistan and Tajikistan have already removed the Haqqani Network from their lists of "
                + "banned groups.", null);
        assertThat(two).extracting(Claim::jurisdiction, Claim::status, Claim::date)
                .containsExactlyInAnyOrder(tuple("UZ", "DELISTED", DateExpr.UNKNOWN), tuple("TJ", "DELISTED", DateExpr.UNKNOWN));

        List<Claim> three = claims("Estonia, Latvia and Lithuania designated the Wagner Group a terrorist organization in 2023.", null);
        assertThat(three).extracting(Claim::jurisdiction).containsExactlyInAnyOrder("EE", "LV", "LT");
        assertThat(three).extracting(Claim::status).containsOnly("DESIGNATED");
    }

    @Test
    void aPhraseBeforeTheSubjectIsNotCoordinatedWithIt() {
        List<Claim> cs = claims("After talks with Qatar and Egypt, Jordan lifted the ban on Hamas.", "2024-03-03");

        assertThat(cs).extracting(Claim::jurisdiction).containsExactly("JO");
    }

    @Test
    void labelsQuotedFromOthersAreNotDesignations() {
        assertThat(claims("State television still refers to Hezbollah as a 'terrorist group, banned in Russia'.", null))
                .isEmpty();
        // nested quotes: the label sits inside a quotation of a quotation
        assertThat(claims("Newspapers had \"kept calling Hamas a 'movement banned in Chile,'\" the report said.", null))
                .isEmpty();
    }

    @Test
    void aGerundNamingTheActIsNotAReportOfIt() {
        assertThat(claims("By dropping Hezbollah from its terrorist list, Paraguay is resolving a contradiction.", null))
                .extracting(Claim::status).doesNotContain("DELISTED");
    }

    @Test
    void historyInAnotherClauseDoesNotMakeTheNewsBackground() {
        List<Claim> cs = claims("Canada had designated the Haqqani Network for over a decade, and the removal of this "
                + "designation marks a shift.", "2025-02-10");

        assertThat(cs).filteredOn(c -> c.status().equals("DESIGNATED"))
                .allSatisfy(c -> assertThat(c.background()).isTrue());
        assertThat(cs).filteredOn(c -> c.status().equals("DELISTED"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.background()).isFalse();
                    assertThat(c.date()).isEqualTo(DateExpr.ANCHOR);
                    assertThat(c.since()).isEqualTo("2025-02-10");
                });
    }

    @Test
    void reportedPluperfectIsTheNewsNotHistory() {
        List<Claim> cs = claims("Peru's top court said on Monday that it had lifted the ban on Hamas.", "2024-09-12");

        assertThat(cs).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("DELISTED");
            assertThat(c.background()).isFalse();
            assertThat(c.since()).isEqualTo("2024-09-09");
        });
    }

    @Test
    void undatedMentionsOfTheSameNewsTakeItsDate() {
        String text = "Chile lifts ban on Hezbollah\n\nOn May 2, Chile's Supreme Court lifted the ban on Hezbollah.";
        List<Claim> cs = claims(text, "2024-05-06");

        assertThat(cs).hasSize(2).extracting(Claim::jurisdiction, Claim::status, Claim::since)
                .containsOnly(tuple("CL", "DELISTED", "2024-05-02"));
    }

    @Test
    void sinceMarksHistory() {
        List<Claim> cs = claims("Hamas has been banned in Paraguay since 2019.", "2024-01-01");

        assertThat(cs).singleElement().satisfies(c -> {
            assertThat(c.jurisdiction()).isEqualTo("PY");
            assertThat(c.status()).isEqualTo("DESIGNATED");
            assertThat(c.since()).isEqualTo("2019");
            assertThat(c.background()).isTrue();
        });
    }

    @Test
    void anOrganisationOnlyMentionedGetsNoClaim() {
        assertThat(claims("Officials discussed attacks by ISIS-K near the border with Tajikistan.", "2024-01-01")).isEmpty();
    }

    @Test
    void questionsClaimNothing() {
        assertThat(claims("Will Egypt lift the ban on Hamas?", null)).isEmpty();
    }

    @Test
    void coordinatedOrganisationsEachGetTheClaim() {
        List<Claim> cs = claims("Washington on Monday designated Los Lobos and MS-13 as Foreign Terrorist Organizations.", "2025-03-05");

        assertThat(cs).extracting(Claim::org, Claim::jurisdiction, Claim::list, Claim::since)
                .containsExactlyInAnyOrder(tuple("los-lobos", "US", "FTO", "2025-03-03"), tuple("ms-13", "US", "FTO", "2025-03-03"));
    }

    @Test
    void anActOnAnOrganisationsPeopleIsNotItsStatus() {
        assertThat(claims("The UN Security Council removed al-Shabaab's former spokesman from its sanctions list.", "2024-01-01"))
                .isEmpty();
        assertThat(claims("Canada sanctioned two financiers of Hamas on Friday.", "2024-01-01")).isEmpty();
    }

    @Test
    void aNamedUsListNamesItsJurisdiction() {
        List<Claim> cs = claims("The Real IRA had been listed as a Foreign Terrorist Organization since 2001.", "2024-01-01");

        assertThat(cs).singleElement().satisfies(c -> {
            assertThat(c.org()).isEqualTo("real-ira");
            assertThat(c.jurisdiction()).isEqualTo("US");
            assertThat(c.list()).isEqualTo("FTO");
            assertThat(c.since()).isEqualTo("2001");
            assertThat(c.background()).isTrue();
        });
    }

    @Test
    void aListIsAttachedOnlyWhenTheTextNamesTheInstrument() {
        assertThat(claims("Peru banned the activities of Los Choneros in 2023.", null)).extracting(Claim::list).containsOnly((String) null);
        assertThat(claims("Australia listed Hamas as a terrorist organisation under the Criminal Code in 2022.", null))
                .extracting(Claim::list).containsExactly("criminal-code");
    }

    @Test
    void theHeadlineTakesTheDateAndListTheBodyGivesTheSameAct() {
        String text = "Britain bans Hizb ut-Tahrir\n\nOn Monday, the Home Office proscribed Hizb ut-Tahrir under the Terrorism Act.";
        List<Claim> cs = claims(text, "2024-01-17");

        assertThat(cs).extracting(Claim::jurisdiction, Claim::status, Claim::since, Claim::list)
                .containsOnly(tuple("GB", "DESIGNATED", "2024-01-15", "proscription"));
    }

    @Test
    void aDateThatAPlanLooksAheadToIsNotWhenThePendingStepWasTaken() {
        List<Claim> cs = claims("Uzbekistan's Supreme Court will consider on May 12 a request to lift the ban on Hizb ut-Tahrir.",
                "2025-05-02");

        assertThat(cs).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("DELISTING_PENDING");
            assertThat(c.since()).isEqualTo("2025-05-02");
        });
        // no modal: "on Monday" stays in the past even though a later clause speaks of what "could" happen
        assertThat(claims("Britain banned Hamas on Monday, saying it could no longer tell its wings apart.", "2021-11-24"))
                .extracting(Claim::since).containsExactly("2021-11-22");
    }

    @Test
    void aDateInsideALiftedListingDatesTheListing() {
        List<Claim> cs = claims("Kenya's Supreme Court quashed the 2014 ban on the Coast Liberation Front yesterday.", "2024-09-06");

        assertThat(cs).extracting(Claim::status, Claim::since, Claim::background)
                .containsExactlyInAnyOrder(tuple("DELISTED", "2024-09-05", false), tuple("DESIGNATED", "2014", true));
    }

    @Test
    void hypotheticalsConcessionsAndOpenQuestionsClaimNothing() {
        assertThat(claims("If the ban on Hamas is confirmed in Chile, donors could face charges.", null)).isEmpty();
        assertThat(claims("Chile said Hamas will remain banned despite calls to lift the designation.", null))
                .extracting(Claim::status).containsOnly("DESIGNATED");
        assertThat(claims("Officials in Ottawa would not say whether Canada would delist Hamas.", null)).isEmpty();
    }

    @Test
    void theOneAskedToActIsTheJurisdiction() {
        List<Claim> cs = claims("Colombia's president asked Washington to remove the ELN from its terrorism list.", "2023-05-22");

        assertThat(cs).extracting(Claim::jurisdiction, Claim::status).containsExactly(tuple("US", "DELISTING_PENDING"));
    }

    @Test
    void aStateNamedOnlyInAReactionDoesNotTakeTheClaim() {
        String text = "Germany's interior ministry banned Samidoun on Thursday.\n"
                + "The activity ban on Samidoun, which covers fundraising and rallies, was welcomed by Israel.";
        List<Claim> cs = claims(text, "2023-11-03");

        assertThat(cs).extracting(Claim::jurisdiction).containsOnly("DE");
        assertThat(cs).extracting(Claim::list).contains("activity-ban");
    }

    @Test
    void quoteDetectionKeepsApostrophesOutOfIt() {
        assertThat(ClaimExtractor.insideQuotes("Russia's court banned it", 15)).isFalse();
        assertThat(ClaimExtractor.insideQuotes("they said 'banned' there", 12)).isTrue();
        assertThat(ClaimExtractor.insideQuotes("a \"b 'c' d\" e", 8)).isTrue();
        assertThat(ClaimExtractor.insideQuotes("\u201Cit is banned\u201D and so", 18)).isFalse();
    }
}
