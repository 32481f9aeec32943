package io.wirewatch.app;

import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.OrgStatus;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table ../shared/seeds/EXPECTED.md asks for, checked on any run over articles that report
 * those facts (the reference articles, or the demo site written from the same facts).
 */
final class TalibanTable {

    private TalibanTable() {}

    static void assertExpectedRows(Results results) {
        OrgStatus taliban = results.organizations().stream().filter(o -> o.id().equals("taliban")).findFirst()
                .orElseThrow(() -> new AssertionError("no Taliban table in " + ids(results)));
        assertRow(taliban, "RU", "DELISTED", "2025-04-17");
        assertRow(taliban, "KZ", "DELISTED", "2024");
        assertRow(taliban, "KG", "DELISTED", null);
        assertRow(taliban, "US", "DESIGNATED", null);
        assertRow(taliban, "UN", "SANCTIONED", null);
        assertThat(taliban.jurisdictions()).as("Taliban rows").hasSize(5);

        List<String> ruHistory = row(taliban, "RU").orElseThrow().history().stream()
                .map(OrgStatus.HistoryEntry::status).toList();
        assertThat(ruHistory).as("RU history in event time")
                .containsSubsequence("DESIGNATED", "DELISTING_PENDING", "DELISTED");
        assertThat(row(taliban, "RU").orElseThrow().history().get(0).since()).isEqualTo("2003");

        // mentioned, but nothing happened to its status
        assertThat(results.organizations()).extracting(OrgStatus::id)
                .noneMatch(id -> id.contains("isis") || id.contains("iskp") || id.contains("khorasan"));
    }

    /** 002 and 004 report the ruling; 000 and 003 the request: each pair shares a story. */
    static void assertStories(EnrichedArticle request1, EnrichedArticle ruling1,
                              EnrichedArticle request2, EnrichedArticle ruling2) {
        assertThat(ruling1.storyId()).as("the two reports of the ruling").isNotNull().isEqualTo(ruling2.storyId());
        assertThat(request1.storyId()).as("the two reports of the request").isNotNull().isEqualTo(request2.storyId());
    }

    static void assertRow(OrgStatus org, String code, String status, String since) {
        OrgStatus.JurisdictionRow r = row(org, code)
                .orElseThrow(() -> new AssertionError("no " + code + " row in " + org.jurisdictions()));
        assertThat(r.status()).as(code + " status").isEqualTo(status);
        assertThat(r.since()).as(code + " since").isEqualTo(since);
        assertThat(r.evidence()).as(code + " evidence").isNotEmpty();
    }

    static Optional<OrgStatus.JurisdictionRow> row(OrgStatus org, String code) {
        return org.jurisdictions().stream().filter(r -> r.code().equals(code)).findFirst();
    }

    static EnrichedArticle article(Results results, String urlPart) {
        return results.articles().stream().filter(a -> a.url() != null && a.url().contains(urlPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no article with '" + urlPart + "' in its URL"));
    }

    private static List<String> ids(Results r) {
        return r.organizations().stream().map(OrgStatus::id).toList();
    }
}
