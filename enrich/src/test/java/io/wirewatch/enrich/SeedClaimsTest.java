package io.wirewatch.enrich;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.time.DateExpr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims the four shared seed articles must yield (seeds/EXPECTED.md), read from
 * {@code wirewatch.shared} at run time; skipped when the shared folder is absent.
 */
class SeedClaimsTest {

    private static final String[] SEEDS = {"000", "002", "003", "004"};
    private static final ArticleEnricher ENRICHER = ArticleEnricher.withDefaultKnowledgeBase();
    private Map<String, List<Claim>> claims;

    // per test rather than @BeforeAll, so that a missing shared folder reports each test as skipped
    @BeforeEach
    void extract() {
        claims = new LinkedHashMap<>();
        for (String s : SEEDS) {
            claims.put(s, ENRICHER.enrich(Seeds.load(s, true)).claims());
        }
    }

    private List<Claim> of(String seed, String jurisdiction, String status) {
        return claims.get(seed).stream()
                .filter(c -> c.org().equals("taliban") && c.jurisdiction().equals(jurisdiction) && c.status().equals(status))
                .toList();
    }

    private static Predicate<Claim> dated(DateExpr.Kind kind, Integer year, Integer month, Integer day) {
        return c -> c.date().kind() == kind && java.util.Objects.equals(c.date().year(), year)
                && java.util.Objects.equals(c.date().month(), month) && java.util.Objects.equals(c.date().day(), day);
    }

    @Test
    void theRequestArticlesReportAPendingDelistingOnly() {
        assertThat(of("000", "RU", "DELISTING_PENDING")).isNotEmpty();
        assertThat(of("003", "RU", "DELISTING_PENDING")).isNotEmpty();
        // "if approved ... would end" is conditional, and 000 reports a request: neither is a delisting
        assertThat(of("003", "RU", "DELISTED")).isEmpty();
        assertThat(of("000", "RU", "DELISTED")).isEmpty();
    }

    @Test
    void russiaDesignatedItIn2003() {
        List<Claim> designated = claims.values().stream().flatMap(List::stream)
                .filter(c -> c.jurisdiction().equals("RU") && c.status().equals("DESIGNATED")).toList();
        assertThat(designated).anyMatch(dated(DateExpr.Kind.ABSOLUTE, 2003, null, null).and(Claim::background));
        // every dated designation is the 2003 one; a media label quoted in 002 is not a designation
        assertThat(designated).filteredOn(c -> c.since() != null).extracting(Claim::since).containsOnly("2003");
        assertThat(of("002", "RU", "DESIGNATED")).allMatch(Claim::background);
    }

    @Test
    void theRulingArticlesDateTheDelistingApril17() {
        assertThat(of("002", "RU", "DELISTED")).isNotEmpty()
                .allMatch(dated(DateExpr.Kind.MONTH_DAY, null, 4, 17))
                .extracting(Claim::since).containsOnly("2025-04-17");
        // 004 has no publish date: the date stays a month and day for aggregate to place
        assertThat(of("004", "RU", "DELISTED")).isNotEmpty()
                .allMatch(dated(DateExpr.Kind.MONTH_DAY, null, 4, 17));
    }

    @Test
    void kazakhstanAndKyrgyzstanDelisted() {
        assertThat(of("004", "KZ", "DELISTED")).anyMatch(dated(DateExpr.Kind.ABSOLUTE, 2024, null, null));
        assertThat(of("000", "KZ", "DELISTED")).isNotEmpty().allMatch(c -> c.date().kind() == DateExpr.Kind.UNKNOWN);
        assertThat(of("000", "KG", "DELISTED")).isNotEmpty().allMatch(c -> c.date().kind() == DateExpr.Kind.UNKNOWN);
    }

    @Test
    void theUnitedStatesDesignatesAndTheUnSanctions() {
        assertThat(of("003", "US", "DESIGNATED")).isNotEmpty();
        for (String s : List.of("002", "003", "004")) {
            assertThat(of(s, "UN", "SANCTIONED")).as("UN sanctions in %s", s).isNotEmpty()
                    .allMatch(c -> "sanctions".equals(c.list()));
        }
    }

    @Test
    void nothingElseIsConcluded() {
        for (var e : claims.entrySet()) {
            assertThat(e.getValue()).as("claims of %s", e.getKey())
                    .allMatch(c -> c.org().equals("taliban"), "only the Taliban's status changes (no ISIS-K / ISKP)")
                    .allMatch(c -> List.of("RU", "KZ", "KG", "US", "UN").contains(c.jurisdiction()),
                            "only the jurisdictions the articles report")
                    .noneMatch(c -> c.status().equals("SANCTIONED") && !c.jurisdiction().equals("UN"));
        }
    }

    @Test
    void theSidebarAddsNothing() {
        RawArticle withSidebar = Seeds.load("004", false);
        assertThat(withSidebar.text()).hasSizeGreaterThan(Seeds.load("004", true).text().length());
        assertThat(ENRICHER.enrich(withSidebar).claims()).containsExactlyElementsOf(claims.get("004"));
    }
}
