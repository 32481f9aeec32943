package io.wirewatch.ingest.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the main text of a page by DOM reasoning alone: strip what is never article text, strip
 * containers whose names say they are boilerplate, score containers by the paragraph text they hold
 * and how little of it is links, and keep the paragraph-like blocks of the best one.
 */
final class MainText {

    /** Elements that never hold article prose. */
    private static final String NEVER_TEXT = "script, style, noscript, template, svg, canvas, iframe, object, embed, "
            + "video, audio, map, button, select, input, textarea, label, option, figcaption, figure, picture, "
            + "dialog, menu, [hidden], [aria-hidden=true], [style~=(?i)display\\s*:\\s*none], [role=navigation], "
            + "[role=complementary], [role=contentinfo], [role=banner], [role=dialog], [role=alert]";

    /** Page-structure elements that are boilerplate unless they hold most of the page's prose. */
    private static final String STRUCTURAL = "nav, aside, footer, header, form";

    /** Vocabulary of class/id words that mark boilerplate containers. */
    private static final Pattern BOILERPLATE = Pattern.compile(
            "(?:^|[\\s_-])(?:nav|navbar|navigation|menu|menus|footer|sidebar|side-?bar|rail|related|relateds|share|shares|sharing|"
                    + "social|socials|comments?|comment-list|disqus|cookies?|consent|gdpr|newsletters?|promos?|promotion|"
                    + "adverts?|advertisement|advertising|ads|ad|ad-slot|adslot|sponsor|sponsored|breadcrumbs?|subscribe|"
                    + "subscription|paywall|latest|most-read|mostread|most-popular|popular|trending|tags|tag-list|"
                    + "taglist|topics|author-bio|byline|dateline|meta|post-meta|entry-meta|article-meta|toolbar|"
                    + "widget|widgets|modal|popup|overlay|banner|masthead|skip|print|pagination|pager|more-stories|"
                    + "recommended|recommendations|outbrain|taboola|read-more|readmore|signup|sign-up|login|"
                    + "caption|credit|credits|hidden|visually-hidden|sr-only|screen-reader-text|"
                    + "teaser|teasers|card|cards)(?:$|[\\s_-])");

    /** Class/id words that mark the article itself. */
    private static final Pattern POSITIVE = Pattern.compile(
            "(?:^|[\\s_-])(?:article|articlebody|article-body|article-content|body|content|entry|entry-content|"
                    + "main|post|post-body|post-content|story|story-body|text|prose|blog|hentry|page-content)(?:$|[\\s_-])");

    private static final Pattern ARTICLE_TYPE = Pattern.compile("(?i)schema\\.org/\\w*(Article|BlogPosting|Report)$");

    /** Words so specific that they mark boilerplate even inside a longer class name. */
    private static final Pattern BOILERPLATE_INFIX = Pattern.compile(
            "related|sidebar|comment|social|sharing|share-|-share|newsletter|cookie|breadcrumb|advert|outbrain|taboola|"
                    + "disqus|promo-|subscribe|recommend|most-?read|most-?popular");

    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "h1", "h2", "h3",
            "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
            "tbody", "thead", "tfoot", "caption", "header", "footer", "address", "hr", "center", "details",
            "summary", "form", "fieldset", "aside", "nav");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？…][\"'”’»)\\]]*$");
    private static final Pattern COMMAS = Pattern.compile("[,，、،]");
    private static final int MIN_PARAGRAPH = 25;

    private MainText() {}

    /** The main text, paragraphs joined by blank lines; the document is modified. */
    static String extract(Document doc) {
        Element body = doc.body();
        if (body == null) {
            return "";
        }
        body.select(NEVER_TEXT).remove();
        Map<Element, Integer> prose = proseByElement(body);
        int total = prose.getOrDefault(body, 0);
        for (Element e : body.select(STRUCTURAL)) {
            if (e.parent() != null && !holdsMostProse(e, prose, total)) {
                e.remove();
            }
        }
        List<Element> boiler = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e != body && isBoilerplateName(e) && !holdsMostProse(e, prose, total)) {
                boiler.add(e);
            }
        }
        boiler.forEach(e -> {
            if (e.parent() != null) {
                e.remove();
            }
        });
        Map<Element, Double> scores = new IdentityHashMap<>();
        Element best = bestCandidate(body, scores);
        List<String> blocks = new ArrayList<>();
        for (Element root : withSplitParts(body, best, scores)) {
            blocks.addAll(blocks(root));
        }
        return String.join("\n\n", blocks);
    }

    static boolean isBoilerplateName(Element e) {
        String names = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT).trim();
        if (names.isEmpty()) {
            return false;
        }
        if (e.tagName().equals("article") || e.tagName().equals("main") || e.tagName().equals("body")) {
            return false;
        }
        return (BOILERPLATE.matcher(names).find() || BOILERPLATE_INFIX.matcher(names).find())
                && !POSITIVE.matcher(names).find();
    }

    /** Paragraph text length held by each element, counted once up every ancestor chain. */
    private static Map<Element, Integer> proseByElement(Element root) {
        Map<Element, Integer> m = new IdentityHashMap<>();
        for (Element p : root.select("p, pre, blockquote")) {
            int len = p.text().length();
            if (len < MIN_PARAGRAPH) {
                continue;
            }
            for (Element a = p; a != null; a = a.parent()) {
                m.merge(a, len, Integer::sum);
                if (a == root) {
                    break;
                }
            }
        }
        return m;
    }

    private static boolean holdsMostProse(Element e, Map<Element, Integer> prose, int total) {
        return total > 0 && prose.getOrDefault(e, 0) >= total * 0.5;
    }

    /**
     * Article bodies are often cut into several containers by images, embeds or teasers: take, in
     * document order, the other elements built like the best one (same tag and class) that hold prose,
     * and the best one's siblings that score well or read as paragraphs.
     */
    private static List<Element> withSplitParts(Element body, Element best, Map<Element, Double> scores) {
        if (best == body) {
            return List.of(best);
        }
        double bestScore = scores.getOrDefault(best, 0.0);
        Set<Element> chosen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.add(best);
        String cls = best.className().trim();
        if (!cls.isEmpty()) {
            for (Element e : body.getElementsByTag(best.tagName())) {
                if (e != best && e.className().trim().equals(cls) && hasProse(e) && linkDensity(e) < 0.5) {
                    chosen.add(e);
                }
            }
        }
        Element parent = best.parent();
        if (parent != null) {
            for (Element sib : parent.children()) {
                // a sibling <article> is another composition (a teaser), not a part of this one
                if (sib == best || chosen.contains(sib) || !sib.getElementsByTag("article").isEmpty()) {
                    continue;
                }
                double ld = linkDensity(sib);
                String text = sib.text();
                boolean paragraph = (isParagraph(sib) || hasProse(sib)) && ((text.length() >= 80 && ld < 0.25)
                        || (text.length() > 0 && ld == 0 && SENTENCE_END.matcher(text).find()));
                double s = scores.getOrDefault(sib, 0.0) * (1 - ld);
                if (paragraph || s >= Math.max(10, bestScore * 0.2)) {
                    chosen.add(sib);
                }
            }
        }
        if (chosen.size() == 1) {
            return List.of(best);
        }
        // document order, and no element inside another chosen one
        List<Element> ordered = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (chosen.contains(e)) {
                boolean nested = false;
                for (Element a = e.parent(); a != null; a = a.parent()) {
                    if (chosen.contains(a)) {
                        nested = true;
                        break;
                    }
                }
                if (!nested) {
                    ordered.add(e);
                }
            }
        }
        return ordered;
    }

    private static boolean hasProse(Element e) {
        for (Element p : e.select("p, pre, blockquote")) {
            if (p.text().length() >= MIN_PARAGRAPH) {
                return true;
            }
        }
        return false;
    }

    private static Element bestCandidate(Element body, Map<Element, Double> finalScores) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : body.getAllElements()) {
            if (!isParagraph(p)) {
                continue;
            }
            String text = p.text();
            if (text.length() < MIN_PARAGRAPH) {
                continue;
            }
            double s = 1 + COMMAS.matcher(text).results().count() + Math.min(text.length() / 100.0, 3);
            Element a = p.parent();
            for (int level = 0; a != null && level < 5; level++, a = a.parent()) {
                double share = level == 0 ? 1 : level == 1 ? 0.5 : 1.0 / (level * 3);
                scores.merge(a, s * share, Double::sum);
                if (a == body) {
                    break;
                }
            }
        }
        Element best = body;
        double bestScore = 0;
        for (Map.Entry<Element, Double> en : scores.entrySet()) {
            Element c = en.getKey();
            double s = (en.getValue() + classWeight(c)) * (1 - linkDensity(c));
            finalScores.put(c, s);
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    private static double classWeight(Element e) {
        String names = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
        double w = 0;
        if (POSITIVE.matcher(names).find()) {
            w += 25;
        }
        if (e.tagName().equals("article")) {
            w += 25;
        }
        // schema.org microdata marks the page's own article, never the teasers around it
        if (e.attr("itemprop").equalsIgnoreCase("articleBody")) {
            w += 50;
        }
        if (ARTICLE_TYPE.matcher(e.attr("itemtype")).find()) {
            w += 30;
        }
        return w;
    }

    private static boolean isParagraph(Element e) {
        String t = e.tagName();
        if (t.equals("p") || t.equals("pre") || t.equals("td") || t.equals("blockquote")) {
            return true;
        }
        if (t.equals("div") || t.equals("section") || t.equals("article")) {
            // a div used as a paragraph: it carries its own text rather than wrapping blocks
            int own = 0;
            for (TextNode tn : e.textNodes()) {
                own += tn.text().trim().length();
            }
            return own >= MIN_PARAGRAPH;
        }
        return false;
    }

    static double linkDensity(Element e) {
        int all = e.text().length();
        if (all == 0) {
            return 0;
        }
        int links = 0;
        for (Element a : e.select("a")) {
            links += a.text().length();
        }
        return Math.min(1.0, (double) links / all);
    }

    /** Paragraph-like blocks of the chosen container, in document order, with link-heavy blocks dropped. */
    private static List<String> blocks(Element root) {
        List<Block> raw = new ArrayList<>();
        Block[] cur = {new Block("div")};
        NodeTraversor.traverse(new org.jsoup.select.NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode tn) {
                    String s = tn.getWholeText();
                    cur[0].text.append(s);
                    if (inLink(tn, root)) {
                        cur[0].linkChars += s.strip().length();
                    }
                } else if (node instanceof Element el && el.tagName().equals("br")) {
                    cur[0].text.append('\n');
                } else if (node instanceof Element el && BLOCK_TAGS.contains(el.tagName())) {
                    raw.add(cur[0]);
                    cur[0] = new Block(el.tagName());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && BLOCK_TAGS.contains(el.tagName())) {
                    raw.add(cur[0]);
                    Element parent = el.parent();
                    cur[0] = new Block(parent == null ? "div" : parent.tagName());
                }
            }
        }, root);
        raw.add(cur[0]);
        List<String> out = new ArrayList<>();
        for (Block b : raw) {
            String t = normalize(b.text);
            if (t.isEmpty() || b.tag.equals("h1")) {
                continue;
            }
            double ld = (double) b.linkChars / t.length();
            // a linked sentence is still prose; a bare list of links is navigation
            if (ld > 0.5 && !(ld < 0.9 && SENTENCE_END.matcher(t).find())) {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static boolean inLink(Node n, Element root) {
        for (Node p = n.parentNode(); p != null && p != root; p = p.parentNode()) {
            if (p instanceof Element e && e.tagName().equals("a")) {
                return true;
            }
        }
        return false;
    }

    static String normalize(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b') {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private static final class Block {
        final String tag;
        final StringBuilder text = new StringBuilder();
        int linkChars;

        Block(String tag) {
            this.tag = tag;
        }
    }
}
