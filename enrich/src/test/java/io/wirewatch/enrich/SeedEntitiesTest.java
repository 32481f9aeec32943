package io.wirewatch.enrich;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.RawArticle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities of the shared seed articles (seeds/EXPECTED.md), read from {@code wirewatch.shared}
 * at run time; skipped when the shared folder is absent.
 */
class SeedEntitiesTest {

    private static final ArticleEnricher ENRICHER = ArticleEnricher.withDefaultKnowledgeBase();

    @Test
    void nothingFromTheLatestNewsSidebarEvenWhenItReachesEnrich() {
        // 004 is read with its trailing sidebar kept, as a page whose furniture extraction missed would be
        RawArticle raw = Seeds.load("004", false);
        int sidebar = ArticleEnricher.fullText(raw).indexOf("Latest news");
        assertThat(sidebar).as("the seed still carries its sidebar").isPositive();

        EnrichedArticle a = ENRICHER.enrich(raw);
        assertThat(a.entities()).allSatisfy(e -> assertThat(e.firstOffset()).isLessThan(sidebar));
        // the sidebar's headlines name these; the article does not
        assertThat(a.entities()).extracting(Entity::id).doesNotContain("donald-trump", "UA", "FR", "SK");
        assertThat(a.claims()).allSatisfy(c -> assertThat(c.sentence()).doesNotContain("Kazatomprom", "ForteBank"));
        assertThat(a.entities()).extracting(Entity::id).contains("taliban", "RU", "KZ", "UN");
    }

    @Test
    void theTalibanIsOneEntityUnderEveryNameTheOutletsUse() {
        TreeSet<String> aliases = new TreeSet<>();
        for (String s : List.of("000", "002", "003", "004")) {
            EnrichedArticle a = ENRICHER.enrich(Seeds.load(s, true));
            Entity taliban = a.entities().stream().filter(e -> e.id().equals("taliban")).findFirst().orElseThrow();
            assertThat(taliban.type()).isEqualTo(Entity.ORG);
            assertThat(taliban.name()).isEqualTo("Taliban");
            assertThat(taliban.mentions()).isGreaterThan(3);
            aliases.addAll(taliban.aliases());
        }
        // "TM" is short and ambiguous: it links only because the same article names the Taliban
        assertThat(aliases).contains("Taliban movement", "TM");
        assertThat(aliases).noneMatch(x -> x.startsWith("the "));
    }
}
