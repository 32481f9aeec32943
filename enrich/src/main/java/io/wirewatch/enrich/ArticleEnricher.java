package io.wirewatch.enrich;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.enrich.claims.ClaimExtractor;
import io.wirewatch.enrich.entities.EntityTagger;
import io.wirewatch.enrich.entities.KnowledgeBase;

import java.util.List;

/** Per-article enrichment that needs no state: entities and status claims. */
public final class ArticleEnricher {

    private final EntityTagger tagger;
    private final ClaimExtractor claims;

    public ArticleEnricher(KnowledgeBase kb) {
        this.tagger = new EntityTagger(kb);
        this.claims = new ClaimExtractor(kb);
    }

    public static ArticleEnricher withDefaultKnowledgeBase() {
        return new ArticleEnricher(KnowledgeBase.loadDefault());
    }

    public EnrichedArticle enrich(RawArticle a) {
        if (a == null || a.id() == null || a.id().isBlank()) {
            throw new IllegalArgumentException("article has no id");
        }
        if (a.text() == null || a.text().isBlank()) {
            throw new IllegalArgumentException("article " + a.id() + " has no text");
        }
        String text = fullText(a);
        EntityTagger.Tagged tagged = tagger.tag(text);
        List<Claim> found = claims.extract(text, tagged.mentions(), a.published());
        return EnrichedArticle.of(a, tagged.entities(), null, null, found);
    }

    /** The title reads as the first sentence, so that a headline's claim counts. */
    static String fullText(RawArticle a) {
        String title = a.title() == null ? "" : a.title().strip();
        String text = a.text().strip();
        if (title.isEmpty() || text.startsWith(title)) {
            return text;
        }
        return title + "\n\n" + text;
    }
}
