package io.wirewatch.ingest.source;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import io.wirewatch.ingest.fetch.FetchResult;
import io.wirewatch.ingest.fetch.Fetcher;
import org.xml.sax.InputSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Remote SRCs: an RSS/Atom feed, a sitemap (index, news sitemap), a local {@code *.urls} list, or
 * else one article page. Turns each into the article URLs it names, with a publish date when known.
 */
public final class RemoteSources {

    /** An article URL, the source that named it, and the date the source gives (ISO 8601 or null). */
    public record Discovered(String url, String foundOn, String published) {
    }

    /** A source that could not be read at all. */
    public static final class SourceException extends RuntimeException {
        private final String reasonCode;

        public SourceException(String reasonCode, String message) {
            super(message);
            this.reasonCode = reasonCode;
        }

        public String reasonCode() {
            return reasonCode;
        }
    }

    /** A sitemap index may name thousands of sitemaps; a run follows only this many. */
    private static final int MAX_CHILD_SITEMAPS = 100;

    /**
     * What one look at a source gave: its URLs, and the validators to send next time (a conditional
     * GET answered 304 gives no URLs and {@code notModified}).
     */
    public record Discovery(List<Discovered> urls, String etag, String lastModified, boolean notModified) {
    }

    public List<Discovered> discover(String src, Fetcher f) {
        return discover(src, f, null, null).urls();
    }

    /** Reads a source, conditionally when validators from the last look are given (feeds and sitemaps). */
    public Discovery discover(String src, Fetcher f, String etag, String lastModified) {
        String s = src.trim();
        if (s.toLowerCase(Locale.ROOT).endsWith(".urls") && !s.matches("(?i)^https?://.*")) {
            return new Discovery(urlList(Path.of(s.startsWith("file:") ? URI.create(s).getPath() : s)), null, null,
                    false);
        }
        FetchResult r = f.fetch(s, etag, lastModified);
        if (!r.ok()) {
            throw new SourceException(r.reasonCode(), "cannot fetch " + s + ": " + r.error());
        }
        if (r.notModified()) {
            return new Discovery(List.of(), etag, lastModified, true);
        }
        byte[] body = r.body();
        String head = head(body);
        String ct = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        List<Discovered> urls;
        if (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")) {
            urls = feed(body, r.finalUrl(), s);
        } else if (head.contains("<urlset") || head.contains("<sitemapindex")
                || s.toLowerCase(Locale.ROOT).matches(".*sitemap[^/]*\\.(xml|txt)(\\.gz)?$")
                || ct.contains("gzip")) {
            urls = sitemap(body, r.contentType(), r.finalUrl(), s, f);
        } else if (s.toLowerCase(Locale.ROOT).matches("^https?://[^/]+/robots\\.txt$")) {
            urls = robotsSitemaps(body, r.finalUrl(), s, f);
        } else {
            urls = List.of(new Discovered(r.finalUrl(), s, null));
        }
        return new Discovery(urls, r.etag(), r.lastModified(), false);
    }

    /** The sitemaps a robots.txt names in its {@code Sitemap:} lines (crawler-commons), read in turn. */
    private List<Discovered> robotsSitemaps(byte[] body, String url, String src, Fetcher f) {
        var rules = new crawlercommons.robots.SimpleRobotRulesParser().parseContent(url, body, "text/plain",
                List.of("*"));
        Map<String, Discovered> out = new LinkedHashMap<>();
        int n = 0;
        for (String sm : rules.getSitemaps()) {
            if (n++ >= MAX_CHILD_SITEMAPS) {
                break;
            }
            FetchResult r = f.fetch(sm);
            if (!r.ok()) {
                continue; // one broken sitemap must not hide the others
            }
            try {
                for (Discovered d : sitemap(r.body(), r.contentType(), r.finalUrl(), src, f)) {
                    out.putIfAbsent(d.url(), d);
                }
            } catch (SourceException e) {
                // skip unreadable sitemaps
            }
        }
        return new ArrayList<>(out.values());
    }

    /** A local file of URLs, one a line; blank lines and {@code #} comments skipped. */
    public static List<Discovered> urlList(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new SourceException("unreadable-source", "cannot read " + file + ": " + e.getMessage());
        }
        List<Discovered> out = new ArrayList<>();
        for (String line : lines) {
            String u = line.strip();
            if (u.isEmpty() || u.startsWith("#")) {
                continue;
            }
            out.add(new Discovered(u, file.toString(), null));
        }
        return out;
    }

    /** Rome 2 refuses DOCTYPEs by default (SyndFeedInput allowDoctypes=false), so XML external entities never load. */
    static List<Discovered> feed(byte[] body, String feedUrl, String src) {
        SyndFeed feed;
        try {
            SyndFeedInput in = new SyndFeedInput();
            in.setAllowDoctypes(false);
            feed = in.build(new InputSource(new ByteArrayInputStream(body)));
        } catch (Exception e) {
            throw new SourceException("bad-feed", "not a readable RSS/Atom feed: " + src + ": " + e.getMessage());
        }
        Map<String, Discovered> out = new LinkedHashMap<>();
        for (SyndEntry e : feed.getEntries()) {
            String link = e.getLink();
            if ((link == null || link.isBlank()) && e.getLinks() != null) {
                for (SyndLink l : e.getLinks()) {
                    if (l.getHref() != null && (l.getRel() == null || l.getRel().equals("alternate"))) {
                        link = l.getHref();
                        break;
                    }
                }
            }
            if ((link == null || link.isBlank()) && e.getUri() != null && e.getUri().matches("(?i)^https?://.*")) {
                link = e.getUri();
            }
            if (link == null || link.isBlank()) {
                continue;
            }
            String abs = resolve(feedUrl, link.strip());
            Date d = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
            out.putIfAbsent(abs, new Discovered(abs, src, d == null ? null : d.toInstant().toString()));
        }
        return new ArrayList<>(out.values());
    }

    private List<Discovered> sitemap(byte[] body, String contentType, String url, String src, Fetcher f) {
        SiteMapParser parser = new SiteMapParser(false);
        parser.enableExtension(Extension.NEWS);
        Map<String, Discovered> out = new LinkedHashMap<>();
        Deque<AbstractSiteMap> todo = new ArrayDeque<>();
        try {
            todo.add(parser.parseSiteMap(contentType, body, new URL(url)));
        } catch (Exception e) {
            throw new SourceException("bad-sitemap", "not a readable sitemap: " + src + ": " + e.getMessage());
        }
        int children = 0;
        while (!todo.isEmpty()) {
            AbstractSiteMap sm = todo.poll();
            if (sm instanceof SiteMapIndex idx) {
                for (AbstractSiteMap child : idx.getSitemaps()) {
                    if (children++ >= MAX_CHILD_SITEMAPS) {
                        break;
                    }
                    FetchResult r = f.fetch(child.getUrl().toString());
                    if (!r.ok()) {
                        continue; // one broken child sitemap must not hide the others
                    }
                    try {
                        todo.add(parser.parseSiteMap(r.contentType(), r.body(), child.getUrl()));
                    } catch (Exception e) {
                        // skip unreadable children
                    }
                }
            } else if (sm instanceof SiteMap map) {
                for (SiteMapURL u : map.getSiteMapUrls()) {
                    String loc = u.getUrl().toString();
                    out.putIfAbsent(loc, new Discovered(loc, src, date(u)));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String date(SiteMapURL u) {
        ExtensionMetadata[] news = u.getAttributesForExtension(Extension.NEWS);
        if (news != null) {
            for (ExtensionMetadata m : news) {
                if (m instanceof NewsAttributes na && na.getPublicationDateTime() != null) {
                    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(na.getPublicationDateTime());
                }
            }
        }
        // lastmod says when the page last changed, not when the article was published
        return null;
    }

    private static String resolve(String base, String link) {
        try {
            return base == null ? link : URI.create(base).resolve(link.replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return link;
        }
    }

    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}
