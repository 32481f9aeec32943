package io.wirewatch.ingest.source;

import io.wirewatch.common.model.RawArticle;
import io.wirewatch.ingest.ArticleIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** WARC backfills: archives written here with jwarc, read back through the local-source path. */
class WarcSourcesTest {

    private static final Instant CAPTURED = Instant.parse("2025-04-21T10:15:00Z");

    private static String page(String headline, String body) {
        return "<html lang=\"en\"><head><title>" + headline + "</title></head><body><nav><a href=/>Home</a></nav>"
                + "<article><h1>" + headline + "</h1><p>" + body + "</p><p>" + body + " Officials confirmed it later.</p>"
                + "</article></body></html>";
    }

    private static void write(Path file, WarcCompression compression) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             WarcWriter w = new WarcWriter(ch, compression)) {
            String a = "https://news.example/2025/04/20/court-lifts-ban?utm_source=cc";
            w.write(new WarcRequest.Builder(a).date(CAPTURED)
                    .body(new HttpRequest.Builder("GET", "/2025/04/20/court-lifts-ban").build()).build());
            w.write(response(a, 200, "text/html; charset=utf-8", page("Court lifts ban",
                    "The court lifted the ban on Thursday, ending a designation that had stood for two decades.")));
            w.write(response("https://news.example/report.pdf", 200, "application/pdf", "%PDF-1.4 binary"));
            w.write(response("https://news.example/gone", 404, "text/html", "<html><body>Not found</body></html>"));
            w.write(response("https://other.example/story", 200, "text/html", page("Ministry adds group to list",
                    "The interior ministry added the group to its list of banned organisations on Monday.")));
        }
    }

    private static WarcResponse response(String url, int status, String contentType, String body) throws IOException {
        HttpResponse http = new HttpResponse.Builder(status, status == 200 ? "OK" : "Not Found")
                .body(MediaType.parse(contentType), body.getBytes(StandardCharsets.UTF_8)).build();
        return new WarcResponse.Builder(url).date(CAPTURED).body(http).build();
    }

    private static List<RawArticle> read(Path src, List<LocalSources.Failure> failures) {
        return new LocalSources().read(src, failures::add);
    }

    @Test
    void htmlResponsesBecomeArticlesAndTheRestIsReported(@TempDir Path dir) throws Exception {
        Path warc = dir.resolve("crawl.warc");
        write(warc, WarcCompression.NONE);
        List<LocalSources.Failure> failures = new ArrayList<>();
        List<RawArticle> articles = read(warc, failures);

        assertThat(articles).extracting(RawArticle::title)
                .containsExactly("Court lifts ban", "Ministry adds group to list");
        RawArticle a = articles.get(0);
        assertThat(a.canonicalUrl()).isEqualTo("https://news.example/2025/04/20/court-lifts-ban");
        assertThat(a.id()).isEqualTo(ArticleIds.fromCanonicalUrl(a.canonicalUrl()));
        assertThat(a.fetched()).isEqualTo(CAPTURED.toString()); // the capture time, not the backfill's
        assertThat(a.published()).isEqualTo("2025-04-20"); // no date on the page: the URL's
        assertThat(a.text()).startsWith("The court lifted the ban").doesNotContain("Home");
        assertThat(failures).extracting(LocalSources.Failure::reason)
                .anyMatch(r -> r.startsWith("not-html"))
                .anyMatch(r -> r.equals("http-404"))
                .hasSize(2);
    }

    @Test
    void gzippedArchivesInADirectoryAreRead(@TempDir Path dir) throws Exception {
        write(dir.resolve("a.warc.gz"), WarcCompression.GZIP);
        List<LocalSources.Failure> failures = new ArrayList<>();
        assertThat(read(dir, failures)).hasSize(2);
        assertThat(LocalSources.isSupportedFile(dir.resolve("x.warc.gz"))).isTrue();
        assertThat(LocalSources.isSupportedFile(dir.resolve("x.warc"))).isTrue();
    }

    @Test
    void aTruncatedOrBogusArchiveIsAFailureNotACrash(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.warc");
        write(good, WarcCompression.NONE);
        byte[] all = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.warc"), java.util.Arrays.copyOf(all, all.length / 2));
        Path bogus = Files.writeString(dir.resolve("bogus.warc"), "this is not a WARC file at all\n");
        List<LocalSources.Failure> failures = new ArrayList<>();
        List<RawArticle> fromCut = read(cut, failures);
        assertThat(fromCut.size()).isLessThanOrEqualTo(2);
        List<LocalSources.Failure> bogusFailures = new ArrayList<>();
        assertThat(read(bogus, bogusFailures)).isEmpty();
        assertThat(bogusFailures).isNotEmpty();
    }
}
