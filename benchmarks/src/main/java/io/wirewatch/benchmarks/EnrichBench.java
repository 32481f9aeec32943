package io.wirewatch.benchmarks;

import io.wirewatch.app.bench.CorpusGenerator;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.enrich.ArticleEnricher;
import io.wirewatch.enrich.claims.ClaimExtractor;
import io.wirewatch.enrich.entities.EntityTagger;
import io.wirewatch.enrich.entities.KnowledgeBase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stateless per-article work of enrich: entity linking, claim extraction, and both together, over
 * articles of the {@code bench} corpus (~900 words each). Scores are per article.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnrichBench {

    private static final int ARTICLES = 256;

    private List<RawArticle> articles;
    private List<EntityTagger.Tagged> tagged;
    private EntityTagger tagger;
    private ClaimExtractor claims;
    private ArticleEnricher enricher;
    private int next;

    @Setup
    public void setUp() {
        KnowledgeBase kb = KnowledgeBase.loadDefault();
        tagger = new EntityTagger(kb);
        claims = new ClaimExtractor(kb);
        enricher = new ArticleEnricher(kb);
        articles = CorpusGenerator.stream(7, ARTICLES).toList();
        tagged = articles.stream().map(a -> tagger.tag(a.text())).toList();
    }

    private int nextIndex() {
        next = (next + 1) % ARTICLES;
        return next;
    }

    @Benchmark
    public void tagEntities(Blackhole bh) {
        bh.consume(tagger.tag(articles.get(nextIndex()).text()));
    }

    @Benchmark
    public void extractClaims(Blackhole bh) {
        int i = nextIndex();
        RawArticle a = articles.get(i);
        bh.consume(claims.extract(a.text(), tagged.get(i).mentions(), a.published()));
    }

    @Benchmark
    public void enrichArticle(Blackhole bh) {
        bh.consume(enricher.enrich(articles.get(nextIndex())));
    }
}
