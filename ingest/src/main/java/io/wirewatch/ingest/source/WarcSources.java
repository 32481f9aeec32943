package io.wirewatch.ingest.source;

import io.wirewatch.common.model.RawArticle;
import io.wirewatch.ingest.ArticleIds;
import io.wirewatch.ingest.IngestService;
import io.wirewatch.ingest.extract.ArticleExtractor;
import io.wirewatch.ingest.extract.Dates;
import io.wirewatch.ingest.extract.ExtractedPage;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * WARC archives (such as Common Crawl News) for backfills, read with jwarc: each HTML {@code response}
 * record becomes a raw article, its capture time the fetch time. Other record types (request,
 * metadata, warcinfo, revisit) are skipped; a response that is not a usable HTML page is reported.
 */
final class WarcSources {

    /** The same cap as a live fetch: an archive may hold huge or truncated captures. */
    static final long MAX_BODY_BYTES = 5L * 1024 * 1024;

    private WarcSources() {}

    static boolean isWarc(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".warc") || n.endsWith(".warc.gz");
    }

    static void read(Path file, ArticleExtractor extractor, Consumer<RawArticle> out,
                     Consumer<LocalSources.Failure> onFailure) throws IOException {
        try (WarcReader reader = new WarcReader(file)) {
            reader.onWarning(w -> onFailure.accept(new LocalSources.Failure(file.toString(), "warc: " + w)));
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse response) {
                    readResponse(file, response, extractor, out, onFailure);
                }
            }
        }
    }

    private static void readResponse(Path file, WarcResponse response, ArticleExtractor extractor,
                                     Consumer<RawArticle> out, Consumer<LocalSources.Failure> onFailure) {
        String url = response.target();
        String where = file + " " + url;
        try {
            HttpResponse http = response.http();
            if (http.status() < 200 || http.status() >= 300) {
                onFailure.accept(new LocalSources.Failure(where, "http-" + http.status()));
                return;
            }
            String contentType = http.headers().first("Content-Type").orElse(null);
            byte[] body;
            try (InputStream in = http.bodyDecoded().stream()) {
                body = in.readNBytes((int) MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                onFailure.accept(new LocalSources.Failure(where, "too-large: more than " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            if (!IngestService.isHtml(contentType, body)) {
                onFailure.accept(new LocalSources.Failure(where, "not-html: content type " + contentType));
                return;
            }
            ExtractedPage p = extractor.extract(body, contentType, url);
            if (p.text() == null || p.text().isBlank()) {
                onFailure.accept(new LocalSources.Failure(where, "empty-text: no article text found"));
                return;
            }
            String canonical = p.canonicalUrl() != null ? p.canonicalUrl() : ArticleIds.canonicalize(url);
            String published = p.published() != null ? p.published() : Dates.fromUrlPath(url);
            out.accept(new RawArticle(ArticleIds.fromCanonicalUrl(canonical), url, canonical, p.outlet(), p.title(),
                    p.author(), published, response.date().toString(), p.lang(), p.text()));
        } catch (IOException | RuntimeException e) {
            onFailure.accept(new LocalSources.Failure(where, "unreadable WARC record: " + e));
        }
    }
}
