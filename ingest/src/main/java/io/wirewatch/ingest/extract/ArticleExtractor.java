package io.wirewatch.ingest.extract;

import io.wirewatch.ingest.ArticleIds;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Main text and metadata of a saved or fetched HTML page. General rules only: no rule is written
 * for one site. Never throws on bad input; a page it cannot read gives empty text.
 */
public final class ArticleExtractor {

    /** JSON-LD articleBody wins over the DOM when it is at least this share of the DOM text (it is sometimes a teaser). */
    private static final double JSONLD_BODY_MIN_SHARE = 0.6;
    private static final int JSONLD_BODY_MIN_CHARS = 200;
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—·:»]\\s+");

    public ExtractedPage extract(byte[] body, String contentType, String url) {
        if (body == null) {
            return empty(url);
        }
        try {
            Charset cs = Charsets.detect(body, contentType);
            Document doc = Jsoup.parse(new ByteArrayInputStream(body), cs.name(), url == null ? "" : url);
            return extract(doc, url);
        } catch (IOException | RuntimeException e) {
            return empty(url);
        }
    }

    public ExtractedPage extract(String html, String url) {
        if (html == null) {
            return empty(url);
        }
        try {
            return extract(Jsoup.parse(html, url == null ? "" : url), url);
        } catch (RuntimeException e) {
            return empty(url);
        }
    }

    private ExtractedPage empty(String url) {
        return new ExtractedPage(url, url == null ? null : ArticleIds.canonicalize(url), null, null, null,
                host(url), null, "");
    }

    ExtractedPage extract(Document doc, String url) {
        PageScan scan = PageScan.of(doc);
        JsonLd ld = JsonLd.of(scan.ldScripts);
        Map<String, String> meta = scan.metas;
        String canonical = canonical(scan.canonicalLink, url);
        String title = title(doc, scan, ld);
        String published = published(scan, ld, url);
        String author = author(scan, ld);
        String outlet = firstNonBlank(meta.get("og:site_name"), ld.publisher());
        if (outlet == null) {
            outlet = firstNonBlank(host(url)); // parsing the URL only when the page names no outlet
        }
        String lang = lang(scan);
        String text;
        try {
            text = MainText.extract(doc, scan);
        } catch (RuntimeException | StackOverflowError e) {
            text = "";
        }
        String ldBody = ld.articleBody() == null ? null : MainText.normalize(htmlToText(ld.articleBody()));
        if (ldBody != null && ldBody.length() >= JSONLD_BODY_MIN_CHARS
                && ldBody.length() >= text.length() * JSONLD_BODY_MIN_SHARE) {
            text = ldBody;
        }
        if (published == null) {
            published = Dates.fromDateline(text); // last in the chain
        }
        return new ExtractedPage(url, canonical, title, published, author, outlet, lang, text);
    }

    private static String htmlToText(String s) {
        return s.indexOf('<') >= 0 || s.indexOf('&') >= 0 ? Jsoup.parse(s).text() : s;
    }

    private static String canonical(Element link, String url) {
        String c = null;
        if (link != null) {
            String abs = link.absUrl("href");
            c = abs.isEmpty() ? null : abs;
        }
        if (c == null) {
            c = url;
        }
        return c == null ? null : ArticleIds.canonicalize(c);
    }

    private static String title(Document doc, PageScan scan, JsonLd ld) {
        String t = firstNonBlank(scan.metas.get("og:title"), ld.headline());
        if (t != null) {
            return MainText.normalize(t);
        }
        Element h1 = scan.firstH1;
        if (h1 != null && !h1.text().isBlank()) {
            return MainText.normalize(h1.text());
        }
        String title = MainText.normalize(doc.title());
        return title.isEmpty() ? null : stripSiteSuffix(title);
    }

    /** "Headline | Site" and "Headline - Site": drop the last part when what is left still reads as a headline. */
    static String stripSiteSuffix(String title) {
        var m = TITLE_SEPARATOR.matcher(title);
        int cut = -1;
        while (m.find()) {
            cut = m.start();
        }
        if (cut > 0) {
            String head = title.substring(0, cut).trim();
            if (head.split("\\s+").length >= 3) {
                return head;
            }
        }
        return title;
    }

    private static String published(PageScan scan, JsonLd ld, String url) {
        Map<String, String> meta = scan.metas;
        String d = Dates.normalize(ld.datePublished());
        if (d != null) {
            return d;
        }
        for (String name : new String[] {"article:published_time", "og:published_time", "og:article:published_time",
                "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "parsely-pub-date", "pubdate",
                "publishdate", "publish-date", "date", "sailthru.date", "article.published", "datePublished"}) {
            d = Dates.normalize(meta.get(name.toLowerCase(Locale.ROOT)));
            if (d != null) {
                return d;
            }
        }
        Element itemprop = scan.itempropDate;
        if (itemprop != null) {
            d = Dates.normalize(firstNonBlank(itemprop.attr("content"), itemprop.attr("datetime"), itemprop.text()));
            if (d != null) {
                return d;
            }
        }
        Element time = scan.time();
        if (time != null) {
            d = Dates.normalize(time.attr("datetime"));
            if (d != null) {
                return d;
            }
        }
        return Dates.fromUrlPath(url);
    }

    private static String author(PageScan scan, JsonLd ld) {
        Map<String, String> meta = scan.metas;
        String a = firstNonBlank(ld.author(), meta.get("author"), nonUrl(meta.get("article:author")),
                meta.get("parsely-author"), meta.get("dc.creator"), meta.get("sailthru.author"));
        if (a != null) {
            return MainText.normalize(a);
        }
        Element rel = scan.author;
        if (rel != null && !rel.text().isBlank()) {
            return stripBy(rel.text());
        }
        Element byline = scan.byline;
        if (byline != null && !byline.text().isBlank() && byline.text().length() < 120) {
            return stripBy(byline.text());
        }
        return null;
    }

    private static String stripBy(String s) {
        return MainText.normalize(s).replaceFirst("(?i)^(by|von|par|por|di|door|av)\\s+", "").trim();
    }

    private static String nonUrl(String s) {
        return s == null || s.startsWith("http://") || s.startsWith("https://") ? null : s;
    }

    private static String lang(PageScan scan) {
        Element html = scan.html;
        String l = html == null ? null : firstNonBlank(html.attr("lang"), html.attr("xml:lang"));
        if (l == null) {
            Element m = scan.contentLanguage;
            l = m == null ? null : m.attr("content");
        }
        if (l == null || l.isBlank()) {
            return null;
        }
        String primary = l.trim().split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? primary : null;
    }

    /** The host of a URL without "www.", lower-cased: the outlet name of last resort. */
    public static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String h = URI.create(url.trim()).getHost();
            if (h == null) {
                return null;
            }
            h = h.toLowerCase(Locale.ROOT);
            return h.startsWith("www.") ? h.substring(4) : h;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... xs) {
        for (String x : xs) {
            if (x != null && !x.isBlank()) {
                return x.trim();
            }
        }
        return null;
    }
}
