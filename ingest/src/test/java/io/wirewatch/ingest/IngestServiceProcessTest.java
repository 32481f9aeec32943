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
    @Test
    void feedDateComesFirstInThePublishDateChain() {
        http.text("/dated", 200, "text/html", ARTICLE.replace("<head>",
                "<head><meta property=\"article:published_time\" content=\"2025-04-19T08:00:00Z\">"));
        assertThat(process("/dated", "2025-04-20T10:00:00Z").article().published()).isEqualTo("2025-04-20T10:00:00Z");
        seen.clear();
        assertThat(process("/dated", null).article().published()).isEqualTo("2025-04-19T08:00:00Z");
    }

    @Test
    void feedPointingAtPrivateAddressesIsRefused() {
        // a public feed naming internal addresses: each is refused before any request is made
        Fetcher strict = new Fetcher(TestHttp.fastConfig().withAllowPrivateAddresses(false));
        for (String url : new String[] {"http://127.0.0.1:1/admin", "http://10.0.0.5/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/", "http://192.168.1.1/", "http://0.0.0.0/"}) {
            ArticleOutcome o = IngestService.process(new FrontierEntry(url, "feed", null, null), strict, extractor, seen);
            assertThat(o.kind()).as(url).isEqualTo(ArticleOutcome.Kind.FAILED);
            assertThat(o.reason()).as(url).isEqualTo("private-address");
        }
    }

    @Test
    void binaryBodyLabelledHtmlIsUndecodable() {
        byte[] png = new byte[2048];
        new java.util.Random(1).nextBytes(png);
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 0;
        http.on("/img", ex -> TestHttp.send(ex, 200, "text/html", png));
        ArticleOutcome o = process("/img", null);
        assertThat(o.reason()).isEqualTo("undecodable");
        assertThat(o.seen().outcome()).isEqualTo("failed:undecodable");
    }

    @Test
    void brokenEncodingStillGivesText() {
        // declared UTF-8 but written in windows-1252, and a stray invalid byte: decoded with replacement, not a crash
        byte[] body = ARTICLE.replace("officials said", "officials said \u00e9t\u00e9").getBytes(java.nio.charset.Charset.forName("windows-1252"));
        http.on("/latin", ex -> TestHttp.send(ex, 200, "text/html; charset=utf-8", body));
        ArticleOutcome o = process("/latin", null);
        assertThat(o.kind()).isEqualTo(ArticleOutcome.Kind.PUBLISHED);
        assertThat(o.article().text()).contains("The court lifted the ban");
        // no declaration at all: detection reads it as a legacy single-byte charset
        http.on("/undeclared", ex -> TestHttp.send(ex, 200, "text/html", body));
        assertThat(process("/undeclared", null).article().text()).contains("officials said \u00e9t\u00e9");
    }

    @Test
    void decompressionBombIsTooLarge() throws Exception {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bos)) {
            gz.write(new byte[20_000_000]);
        }
        byte[] bomb = bos.toByteArray();
        http.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestHttp.send(ex, 200, "text/html", bomb);
        });
        ArticleOutcome o = process("/bomb", null);
        assertThat(o.reason()).isEqualTo("too-large");
        assertThat(o.stage()).isEqualTo(IngestService.STAGE_FETCH);
    }

    @Test
    void textSniffing() {
        assertThat(IngestService.looksLikeText("<html><body>plain</body></html>".getBytes())).isTrue();
        assertThat(IngestService.looksLikeText(new byte[] {'<', 'p', 0, 1, 2})).isFalse();
        assertThat(IngestService.looksLikeText(new byte[] {(byte) 0xFF, (byte) 0xFE, '<', 0})).isTrue(); // UTF-16 BOM
    }
}
