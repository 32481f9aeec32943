package io.wirewatch.ingest.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    /** Outermost never-text elements of the body. */
    final List<Element> neverText = new ArrayList<>();
    /** nav, aside, footer, header, form of the body outside never-text elements, in document order. */
    final List<Element> structural = new ArrayList<>();
    /** Elements of the body outside never-text elements whose class or id names boilerplate, in document order. */
    final List<Element> boilerplateNamed = new ArrayList<>();

    private PageScan() {}

    static PageScan of(Document doc) {
        PageScan scan = new PageScan();
        Element body = doc.body();
        Map<String, Boolean> names = new HashMap<>(); // class names repeat across a page: decide each once
        NodeTraversor.traverse(new NodeVisitor() {
            boolean inBody;
            Element hidden; // the never-text element of the body being walked through, if any

            @Override
            public void head(Node node, int depth) {
                if (!(node instanceof Element e)) {
                    return;
                }
                scan.metadata(e);
                if (e == body) {
                    inBody = true;
                } else if (inBody && hidden == null) {
                    if (MainText.isNeverText(e)) {
                        scan.neverText.add(e);
                        hidden = e;
                        return;
                    }
                    if (MainText.isStructural(e)) {
                        scan.structural.add(e);
                    }
                    if (MainText.isBoilerplateName(e, names)) {
                        scan.boilerplateNamed.add(e);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (!(node instanceof Element e)) {
                    return;
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

    private void metadata(Element e) {
        switch (e.normalName()) {
            case "meta" -> {
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
}
