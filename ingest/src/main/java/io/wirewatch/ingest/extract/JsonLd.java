package io.wirewatch.ingest.extract;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The schema.org article facts a page declares in {@code application/ld+json} scripts. */
record JsonLd(String headline, String datePublished, String author, String publisher, String articleBody) {

    static final JsonLd EMPTY = new JsonLd(null, null, null, null, null);

    /** Pages embed raw newlines and tabs in JSON-LD strings, so be lenient about what a browser would accept. */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private static final int MAX_DEPTH = 8;

    /** From the page's {@code application/ld+json} scripts, in document order (see {@link PageScan}). */
    static JsonLd of(List<Element> ldScripts) {
        List<JsonNode> articles = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (Element s : ldScripts) {
            String json = s.data().trim();
            if (json.isEmpty()) {
                continue;
            }
            try {
                collect(LENIENT.readTree(json), articles, others, 0);
            } catch (Exception e) {
                // one broken block must not hide the others
            }
        }
        if (articles.isEmpty()) {
            return others.isEmpty() ? EMPTY : from(others.get(0), null);
        }
        // the article with a body is the page's own article; a list page may carry several teasers
        JsonNode best = articles.get(0);
        for (JsonNode a : articles) {
            if (text(a.get("articleBody")) != null) {
                best = a;
                break;
            }
        }
        String publisher = null;
        for (JsonNode o : others) {
            if (isType(o, "Organization", "NewsMediaOrganization", "WebSite")) {
                publisher = text(o.get("name"));
                if (publisher != null) {
                    break;
                }
            }
        }
        return from(best, publisher);
    }

    private static JsonLd from(JsonNode a, String fallbackPublisher) {
        String publisher = name(a.get("publisher"));
        return new JsonLd(text(a.get("headline")), text(a.get("datePublished")), name(a.get("author")),
                publisher != null ? publisher : fallbackPublisher, text(a.get("articleBody")));
    }

    private static void collect(JsonNode n, List<JsonNode> articles, List<JsonNode> others, int depth) {
        if (n == null || depth > MAX_DEPTH) {
            return;
        }
        if (n.isArray()) {
            n.forEach(c -> collect(c, articles, others, depth + 1));
            return;
        }
        if (!n.isObject()) {
            return;
        }
        if (n.has("articleBody") || isType(n, "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
                "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "Report", "LiveBlogPosting",
                "TechArticle", "ScholarlyArticle", "SocialMediaPosting", "Blog")) {
            articles.add(n);
        } else if (n.has("@type")) {
            others.add(n);
        }
        collect(n.get("@graph"), articles, others, depth + 1);
        collect(n.get("mainEntity"), articles, others, depth + 1);
        collect(n.get("mainEntityOfPage"), articles, others, depth + 1);
    }

    private static boolean isType(JsonNode n, String... types) {
        JsonNode t = n.get("@type");
        if (t == null) {
            return false;
        }
        List<String> have = new ArrayList<>();
        if (t.isArray()) {
            t.forEach(x -> have.add(x.asText()));
        } else {
            have.add(t.asText());
        }
        for (String h : have) {
            String simple = h.substring(h.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            for (String want : types) {
                if (simple.equals(want.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A person's or organisation's name, from a string, an object with a name, or a list of those. */
    private static String name(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return text(n);
        }
        if (n.isArray()) {
            List<String> names = new ArrayList<>();
            for (JsonNode c : n) {
                String s = name(c);
                if (s != null && !names.contains(s)) {
                    names.add(s);
                }
            }
            return names.isEmpty() ? null : String.join(", ", names);
        }
        return text(n.get("name"));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            return n.isEmpty() ? null : text(n.get(0));
        }
        if (!n.isValueNode()) {
            return null;
        }
        String s = n.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
