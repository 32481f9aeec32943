package io.wirewatch.enrich.claims;

import io.wirewatch.common.model.Status;
import io.wirewatch.enrich.ArticleEnricher;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores the claim grammar on the labelled corpus and prints precision, recall and F1, overall and
 * per status, on the dev part (tuned on) and the held-out test part (never tuned on). It fails only
 * below a floor, so that a regression shows while the figures themselves go to BENCHMARKS.md.
 * {@code -Dclaims.errors=true} also prints the held-out errors.
 */
class ClaimsCorpusTest {

    private static final ArticleEnricher ENRICHER = ArticleEnricher.withDefaultKnowledgeBase();

    private static ClaimsCorpus.Score scoreAndPrint(String part, boolean printErrors) {
        List<ClaimsCorpus.Item> items = ClaimsCorpus.load("/claims/" + part + ".claims");
        ClaimsCorpus.Score s = ClaimsCorpus.score(items, a -> ENRICHER.enrich(a).claims());
        StringBuilder out = new StringBuilder();
        out.append(String.format("claims corpus %s: %d items, %d sentences%n", part, s.items(), s.sentences()));
        out.append(String.format("  full (org, jurisdiction, status, date, list, background): %s%n", s.full()));
        out.append(String.format("  core (org, jurisdiction, status):                         %s%n", s.core()));
        for (Map.Entry<Status, ClaimsCorpus.Counts> e : s.byStatus().entrySet()) {
            out.append(String.format("  %-18s %s%n", e.getKey(), e.getValue()));
        }
        if (printErrors) {
            s.errors().forEach(err -> out.append("    ").append(err).append('\n'));
        }
        System.out.print(out);
        return s;
    }

    @Test
    void devPart() {
        ClaimsCorpus.Score s = scoreAndPrint("dev", true);
        assertThat(s.sentences()).isGreaterThanOrEqualTo(150);
        assertThat(s.full().f1()).as("dev full F1").isGreaterThan(0.85);
        assertThat(s.core().f1()).as("dev core F1").isGreaterThan(0.9);
    }

    @Test
    void heldOutPart() {
        ClaimsCorpus.Score s = scoreAndPrint("test", Boolean.getBoolean("claims.errors"));
        assertThat(s.sentences()).isGreaterThanOrEqualTo(50);
        assertThat(s.full().f1()).as("held-out full F1").isGreaterThan(0.55);
        assertThat(s.core().f1()).as("held-out core F1").isGreaterThan(0.6);
    }

    @Test
    void theCorpusFormatIsRead() {
        List<ClaimsCorpus.Item> items = ClaimsCorpus.parse("""
                # a comment
                === a published=2024-01-02
                Line one.
                Line two.
                + hamas CA DESIGNATED 2024 list=FTO bg
                === b
                Nothing here.
                """, "inline");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).published()).isEqualTo("2024-01-02");
        assertThat(items.get(0).text()).isEqualTo("Line one.\nLine two.");
        assertThat(items.get(0).expected()).containsExactly(
                new ClaimsCorpus.Key("hamas", "CA", "DESIGNATED", "2024", "FTO", true));
        assertThat(items.get(1).published()).isNull();
        assertThat(items.get(1).expected()).isEmpty();
    }
}
