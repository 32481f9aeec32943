package io.wirewatch.ingest.extract;

import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one walk of the parsed page, before anything is removed, finds for metadata and for the
 * main-text pass: a walk per question (meta tags, links, scripts, never-text, boilerplate names)
 * cost more than the questions themselves.
 */
final class PageScan {

    /** Meta tags' content by property, name or itemprop (lower-cased); the first non-blank one wins. */
    final Map<String, String> metas = new HashMap<>();
    /** The first {@code <link rel=canonical href>}, or null. */
    Element canonicalLink;
    /** {@code application/ld+json} scripts, in document order. */
    final List<Element> ldScripts = new ArrayList<>();
    // the first element of each kind the fallbacks ask for, as selectFirst on the whole page would find it
    /** {@code h1}. */
    Element firstH1;
    /** {@code html}. */
    Element html;
    /** {@code article}. */
    Element firstArticle;
    /** {@code [itemprop=datePublished]}. */
    Element itempropDate;
    /** {@code [rel=author], [itemprop=author] [itemprop=name], [itemprop=author]}. */
    Element author;
    /** {@code [class~=(?i)byline|author-name|article-author], [id~=(?i)byline]}. */
    Element byline;
    /** {@code meta[http-equiv~=(?i)^content-language$]}. */
    Element contentLanguage;
    /** {@code time[datetime]} elements, in document order. */
    final List<Element> times = new ArrayList<>();

    /** Outermost never-text elements of the body. */
    final List<Element> neverText = new ArrayList<>();
    /** nav, aside, footer, header, form of the body outside never-text elements, in document order. */
    final List<Element> structural = new ArrayList<>();
    /** Elements of the body outside never-text elements whose class or id names boilerplate, in document order. */
    final List<Element> boilerplateNamed = new ArrayList<>();

    /** p, pre and blockquote of the body outside never-text elements, in document order, and their place in it. */
    final List<Element> paragraphs = new ArrayList<>();
    int[] paragraphIndex = new int[64];
    /**
     * Pre-order numbers of the structural and boilerplate-named elements and of their last descendant:
     * the paragraphs an element holds are those numbered within its span.
     */
    final Map<Element, int[]> spans = new IdentityHashMap<>();

    private PageScan() {}

    static PageScan of(Document doc) {
        PageScan scan = new PageScan();
        Element body = doc.body();
        ClassNames names = new ClassNames();
        NodeTraversor.traverse(new NodeVisitor() {
            boolean inBody;
            Element hidden; // the never-text element of the body being walked through, if any
            int index; // pre-order number of the next element
            final ArrayDeque<Element> open = new ArrayDeque<>(); // candidates whose span is not closed yet

            @Override
            public void head(Node node, int depth) {
                if (!(node instanceof Element e)) {
                    return;
                }
                int i = index++;
                // the attributes once: attributesSize() counts them on every call
                Attributes attrs = e.attributesSize() > 0 ? e.attributes() : null;
                scan.metadata(e, attrs);
                int nameFlags = attrs == null ? 0 : names.of(attrs);
                if (scan.byline == null && (nameFlags & ClassNames.BYLINE_NAME) != 0) {
                    scan.byline = e;
                }
                if (e == body) {
                    inBody = true;
                } else if (inBody && hidden == null) {
                    if (MainText.isNeverText(e, attrs)) {
                        scan.neverText.add(e);
                        hidden = e;
                        return;
                    }
                    boolean candidate = false;
                    if (MainText.isStructural(e)) {
                        scan.structural.add(e);
                        candidate = true;
                    }
                    if (ClassNames.isBoilerplateName(e, nameFlags)) {
                        scan.boilerplateNamed.add(e);
                        candidate = true;
                    }
                    if (candidate) {
                        scan.spans.put(e, new int[] {i, i});
                        open.push(e);
                    }
                    if (MainText.isProseTag(e)) {
                        scan.addParagraph(e, i);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (!(node instanceof Element e)) {
                    return;
                }
                if (!open.isEmpty() && open.peek() == e) {
                    scan.spans.get(open.pop())[1] = index - 1;
                }
                if (e == body) {
                    inBody = false;
                } else if (e == hidden) {
                    hidden = null;
                }
            }
        }, doc);
        return scan;
    }

    private void addParagraph(Element e, int index) {
        if (paragraphs.size() == paragraphIndex.length) {
            paragraphIndex = Arrays.copyOf(paragraphIndex, paragraphIndex.length * 2);
        }
        paragraphIndex[paragraphs.size()] = index;
        paragraphs.add(e);
    }

    private static final Pattern CONTENT_LANGUAGE = Pattern.compile("(?i)^content-language$");

    /** {@code attrs}: the element's attributes, null when it has none; keys are lower-case in parsed HTML. */
    private void metadata(Element e, Attributes attrs) {
        if (attrs != null && (itempropDate == null || author == null)) {
            String itemprop = attrs.get("itemprop").trim();
            if (itempropDate == null && itemprop.equalsIgnoreCase("datePublished")) {
                itempropDate = e;
            }
            if (author == null && (attrs.get("rel").trim().equalsIgnoreCase("author")
                    || itemprop.equalsIgnoreCase("author") || (itemprop.equalsIgnoreCase("name") && inAuthor(e)))) {
                author = e;
            }
        }
        switch (e.normalName()) {
            case "h1" -> {
                if (firstH1 == null) {
                    firstH1 = e;
                }
            }
            case "html" -> {
                if (html == null) {
                    html = e;
                }
            }
            case "article" -> {
                if (firstArticle == null) {
                    firstArticle = e;
                }
            }
            case "time" -> {
                if (e.hasAttr("datetime")) {
                    times.add(e);
                }
            }
            case "meta" -> {
                if (contentLanguage == null && e.hasAttr("http-equiv")
                        && CONTENT_LANGUAGE.matcher(e.attr("http-equiv")).find()) {
                    contentLanguage = e;
                }
                String k = e.hasAttr("property") ? e.attr("property") : e.hasAttr("name") ? e.attr("name")
                        : e.attr("itemprop");
                String c = e.attr("content").trim();
                if (!k.isEmpty() && !c.isEmpty()) {
                    metas.putIfAbsent(k.toLowerCase(Locale.ROOT), c);
                }
            }
            case "link" -> {
                if (canonicalLink == null && e.attr("rel").trim().equalsIgnoreCase("canonical") && e.hasAttr("href")) {
                    canonicalLink = e;
                }
            }
            case "script" -> {
                if (e.attr("type").toLowerCase(Locale.ROOT).contains("application/ld+json")) {
                    ldScripts.add(e);
                }
            }
            default -> { }
        }
    }

    private static boolean inAuthor(Element e) {
        for (Element a = e.parent(); a != null; a = a.parent()) {
            if (a.attr("itemprop").trim().equalsIgnoreCase("author")) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code time[datetime]} inside the first {@code article} (or the page when it has none), or null. */
    Element time() {
        for (Element t : times) {
            if (firstArticle == null) {
                return t;
            }
            for (Element a = t; a != null; a = a.parent()) {
                if (a == firstArticle) {
                    return t;
                }
            }
        }
        return null;
    }
}
