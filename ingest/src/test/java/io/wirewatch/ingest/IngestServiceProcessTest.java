package io.wirewatch.ingest;

import io.wirewatch.common.model.FrontierEntry;
import io.wirewatch.common.model.SeenState;
import io.wirewatch.ingest.extract.ArticleExtractor;
import io.wirewatch.ingest.fetch.Fetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fetch-extract-decide step of ingest, without Kafka. */
class IngestServiceProcessTest {

    private static final String ARTICLE = """
            <html lang="en"><head><title>Court lifts ban | Wire</title>
            <meta property="og:site_name" content="Wire"></head><body>
            <article><h1>Court lifts ban</h1>
            <p>The court lifted the ban on Thursday, officials said, ending a designation that had stood for years.</p>
            <p>The ministry said the decision takes effect immediately, and would be published in full next week.</p>
            </article></body></html>""";

    private TestHttp http;
    private Fetcher fetcher;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final Map<String, SeenState> seen = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        http = new TestHttp();
        fetcher = new Fetcher(TestHttp.fastConfig());
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private ArticleOutcome process(String path, String feedDate) {
        return IngestService.process(new FrontierEntry(http.url(path) + "?utm_source=feed", "feed", "2025-04-21T00:00:00Z",
                feedDate), fetcher, extractor, seen);
    }

    @Test
    void htmlArticleBecomesRawArticleAndSeenState() {
        http.text("/a", 200, "text/html; charset=utf-8", ARTICLE);
        ArticleOutcome o = process("/a", "2025-04-20T10:00:00Z");
        assertThat(o.kind()).isEqualTo(ArticleOutcome.Kind.PUBLISHED);
        assertThat(o.article().title()).isEqualTo("Court lifts ban");
        assertThat(o.article().outlet()).isEqualTo("Wire");
        assertThat(o.article().lang()).isEqualTo("en");
        assertThat(o.article().canonicalUrl()).isEqualTo(http.url("/a"));
        assertThat(o.article().id()).isEqualTo(ArticleIds.fromCanonicalUrl(http.url("/a")));
        assertThat(o.article().published()).isEqualTo("2025-04-20T10:00:00Z"); // page has none: the feed's
        assertThat(o.article().text()).startsWith("The court lifted the ban");
        assertThat(o.seen().outcome()).isEqualTo(IngestService.OUTCOME_OK);
        assertThat(o.seen().canonicalUrl()).isEqualTo(http.url("/a"));
    }

    @Test
    void alreadyFetchedUrlIsSkippedWithoutARequest() {
        http.text("/a", 200, "text/html", ARTICLE);
        seen.put(http.url("/a"), new SeenState(http.url("/a"), http.url("/a"), null, null, "2025-04-21T00:00:00Z", "ok"));
        assertThat(process("/a", null).kind()).isEqualTo(ArticleOutcome.Kind.SKIPPED);
        assertThat(http.count("/a")).isZero();
        seen.put(http.url("/a"), new SeenState(http.url("/a"), http.url("/a"), null, null, "2025-04-21T00:00:00Z", "failed:timeout"));
        assertThat(process("/a", null).kind()).isEqualTo(ArticleOutcome.Kind.PUBLISHED);
    }

    @Test
    void failuresCarryStageAndReason() {
        http.text("/pdf", 200, "application/pdf", "%PDF-1.4");
        http.text("/gone", 404, "text/html", "missing");
        http.text("/empty", 200, "text/html", "<html><body><nav><a href=/>Home</a></nav></body></html>");
        ArticleOutcome pdf = process("/pdf", null);
        assertThat(pdf.kind()).isEqualTo(ArticleOutcome.Kind.FAILED);
        assertThat(pdf.stage()).isEqualTo(IngestService.STAGE_FETCH);
        assertThat(pdf.reason()).isEqualTo("not-html");
        ArticleOutcome gone = process("/gone", null);
        assertThat(gone.stage()).isEqualTo(IngestService.STAGE_FETCH);
        assertThat(gone.reason()).isEqualTo("http-404");
        assertThat(gone.seen().outcome()).isEqualTo("failed:http-404");
        ArticleOutcome empty = process("/empty", null);
        assertThat(empty.stage()).isEqualTo(IngestService.STAGE_EXTRACT);
        assertThat(empty.reason()).isEqualTo("empty-text");
    }

    @Test
    void robotsAndPrivateAddressesAreFailuresToo() {
        http.text("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /\n");
        http.text("/a", 200, "text/html", ARTICLE);
        assertThat(process("/a", null).reason()).isEqualTo("robots-disallowed");
        ArticleOutcome priv = IngestService.process(new FrontierEntry(http.url("/a"), "x", null, null),
                new Fetcher(TestHttp.fastConfig().withAllowPrivateAddresses(false)), extractor, seen);
        assertThat(priv.reason()).isEqualTo("private-address");
    }

    @Test
    void htmlSniffedWhenNoContentType() {
        assertThat(IngestService.isHtml(null, "  <!DOCTYPE html><html>".getBytes())).isTrue();
        assertThat(IngestService.isHtml(null, "%PDF".getBytes())).isFalse();
        assertThat(IngestService.isHtml("application/xhtml+xml", new byte[0])).isTrue();
    }

    @Test
    void configDefaults() {
        IngestConfig c = new IngestConfig("localhost:9092", null, null, null);
        assertThat(c.groupId()).isEqualTo("wirewatch-ingest");
        assertThat(c.fetch()).isEqualTo(io.wirewatch.ingest.fetch.FetchConfig.defaults());
        assertThat(c.fetch().userAgent()).isEqualTo("wirewatch/0.1 (+https://github.com/wirewatch/wirewatch)");
        assertThat(c.fetch().robotName()).isEqualTo("wirewatch");
        assertThat(c.sources()).isEmpty();
    }
}
