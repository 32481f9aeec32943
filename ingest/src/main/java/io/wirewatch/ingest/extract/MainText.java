package io.wirewatch.ingest.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.HashMap;
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
    private static final Set<String> NEVER_TEXT_TAGS = Set.of("script", "style", "noscript", "template", "svg",
            "canvas", "iframe", "object", "embed", "video", "audio", "map", "button", "select", "input", "textarea",
            "label", "option", "figcaption", "figure", "picture", "dialog", "menu");
    /** ARIA roles of page furniture. */
    private static final Set<String> NEVER_TEXT_ROLES = Set.of("navigation", "complementary", "contentinfo",
            "banner", "dialog", "alert");
    private static final Pattern DISPLAY_NONE = Pattern.compile("(?i)display\\s*:\\s*none");

    /** Page-structure elements that are boilerplate unless they hold most of the page's prose. */
    private static final String STRUCTURAL = "nav, aside, footer, header, form";

    /** Vocabulary of class/id words that mark boilerplate containers (hyphenated entries match adjacent words). */
    private static final Vocabulary BOILERPLATE = new Vocabulary("nav navbar navigation menu menus footer sidebar "
            + "side-bar rail related relateds share shares sharing social socials comment comments comment-list disqus "
            + "cookie cookies consent gdpr newsletter newsletters promo promos promotion advert adverts advertisement "
            + "advertising ads ad ad-slot adslot sponsor sponsored breadcrumb breadcrumbs subscribe subscription paywall "
            + "latest most-read mostread most-popular popular trending tags tag-list taglist topics author-bio byline "
            + "dateline meta post-meta entry-meta article-meta toolbar widget widgets modal popup overlay banner "
            + "masthead skip print pagination pager more-stories recommended recommendations outbrain taboola "
            + "read-more readmore signup sign-up login caption credit credits hidden visually-hidden sr-only "
            + "screen-reader-text teaser teasers card cards");

    /** Class/id words that mark the article itself. */
    private static final Vocabulary POSITIVE = new Vocabulary("article articlebody article-body article-content body "
            + "content entry entry-content main post post-body post-content story story-body text prose blog hentry "
            + "page-content");

    private static final Pattern ARTICLE_TYPE = Pattern.compile("(?i)schema\\.org/\\w*(Article|BlogPosting|Report)$");

    /** Words so specific that they mark boilerplate even inside a longer class name. */
    private static final List<String> BOILERPLATE_INFIX = List.of("related", "sidebar", "comment", "social",
            "sharing", "share-", "-share", "newsletter", "cookie", "breadcrumb", "advert", "outbrain", "taboola",
            "disqus", "promo-", "subscribe", "recommend", "mostread", "most-read", "mostpopular", "most-popular");

    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "h1", "h2", "h3",
            "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
            "tbody", "thead", "tfoot", "caption", "header", "footer", "address", "hr", "center", "details",
            "summary", "form", "fieldset", "aside", "nav");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？…][\"'”’»)\\]]*$");
    private static final int MIN_PARAGRAPH = 25;

    private MainText() {}

    /** The main text, paragraphs joined by blank lines; the document is modified. */
    static String extract(Document doc) {
        Element body = doc.body();
        if (body == null) {
            return "";
        }
        removeNeverText(body);
        Map<Element, Integer> prose = proseByElement(body);
        int total = prose.getOrDefault(body, 0);
        for (Element e : body.select(STRUCTURAL)) {
            if (e.parent() != null && !holdsMostProse(e, prose, total)) {
                e.remove();
            }
        }
        // class names repeat across a page: decide each distinct name once
        Map<String, Boolean> named = new HashMap<>();
        List<Element> boiler = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e != body && isBoilerplateName(e, named) && !holdsMostProse(e, prose, total)) {
                boiler.add(e);
            }
        }
        boiler.forEach(e -> {
            if (e.parent() != null) {
                e.remove();
            }
        });
        TextStats stats = TextStats.of(body);
        Map<Element, Integer> proseLeft = proseByElement(body); // what the removals left
        Map<Element, Double> scores = new IdentityHashMap<>();
        Element best = bestCandidate(body, scores, stats);
        List<String> blocks = new ArrayList<>();
        for (Element root : withSplitParts(body, best, scores, stats, proseLeft)) {
            blocks.addAll(blocks(root));
        }
        return String.join("\n\n", blocks);
    }

    /** What is never article text: the tags, hidden elements and ARIA roles above (one pass, no selector). */
    private static void removeNeverText(Element body) {
        List<Element> out = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e != body && isNeverText(e)) {
                out.add(e);
            }
        }
        for (Element e : out) {
            if (e.parent() != null) {
                e.remove();
            }
        }
    }

    private static boolean isNeverText(Element e) {
        if (NEVER_TEXT_TAGS.contains(e.normalName())) {
            return true;
        }
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.hasAttr("hidden") || e.attr("aria-hidden").equalsIgnoreCase("true")) {
            return true;
        }
        String role = e.attr("role");
        if (!role.isEmpty() && NEVER_TEXT_ROLES.contains(role.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String style = e.attr("style");
        return !style.isEmpty() && DISPLAY_NONE.matcher(style).find();
    }

    static boolean isBoilerplateName(Element e) {
        return isBoilerplateName(e, new HashMap<>());
    }

    private static boolean isBoilerplateName(Element e, Map<String, Boolean> cache) {
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.tagName().equals("article") || e.tagName().equals("main") || e.tagName().equals("body")) {
            return false;
        }
        String names = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT).trim();
        if (names.isEmpty()) {
            return false;
        }
        return cache.computeIfAbsent(names, n -> (BOILERPLATE.matches(n) || containsAny(n, BOILERPLATE_INFIX))
                && !POSITIVE.matches(n));
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
    private static List<Element> withSplitParts(Element body, Element best, Map<Element, Double> scores,
                                                TextStats stats, Map<Element, Integer> prose) {
        if (best == body) {
            return List.of(best);
        }
        double bestScore = scores.getOrDefault(best, 0.0);
        Set<Element> chosen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.add(best);
        String cls = best.className().trim();
        if (!cls.isEmpty()) {
            for (Element e : body.getElementsByTag(best.tagName())) {
                if (e != best && e.className().trim().equals(cls) && prose.containsKey(e) && stats.linkDensity(e) < 0.5) {
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
                double ld = stats.linkDensity(sib);
                String text = sib.text();
                boolean paragraph = (isParagraph(sib) || prose.containsKey(sib)) && ((text.length() >= 80 && ld < 0.25)
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
        // document order, and no element inside another chosen one (one walk: nesting can be deep)
        List<Element> ordered = new ArrayList<>();
        NodeTraversor.traverse(new org.jsoup.select.NodeVisitor() {
            int inside;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e && chosen.contains(e)) {
                    if (inside == 0) {
                        ordered.add(e);
                    }
                    inside++;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && chosen.contains(e)) {
                    inside--;
                }
            }
        }, body);
        return ordered;
    }

    private static Element bestCandidate(Element body, Map<Element, Double> finalScores, TextStats stats) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : body.getAllElements()) {
            if (!isParagraph(p)) {
                continue;
            }
            String text = p.text();
            if (text.length() < MIN_PARAGRAPH) {
                continue;
            }
            double s = 1 + commas(text) + Math.min(text.length() / 100.0, 3);
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
            double s = (en.getValue() + classWeight(c)) * (1 - stats.linkDensity(c));
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
        if (POSITIVE.matches(names)) {
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

    private static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、' || c == '،') {
                n++;
            }
        }
        return n;
    }

    /** Share of an element's text that is link text (a standalone measure, for callers without stats). */
    static double linkDensity(Element e) {
        return TextStats.of(e).linkDensity(e);
    }

    /**
     * Text and link-text length of every element of a tree, from one post-order pass: asking each
     * candidate for its text instead costs a walk of its subtree per candidate.
     * Whitespace runs count as one character, as in {@link Element#text()}.
     */
    static final class TextStats {
        private final Map<Element, int[]> lengths = new IdentityHashMap<>();

        static TextStats of(Element root) {
            TextStats st = new TextStats();
            NodeTraversor.traverse(new org.jsoup.select.NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if (node instanceof TextNode tn && node.parentNode() instanceof Element parent) {
                        int len = collapsedLength(tn.getWholeText());
                        if (len > 0) {
                            st.lengths.computeIfAbsent(parent, k -> new int[2])[0] += len;
                        }
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    if (!(node instanceof Element el) || node == root) {
                        return;
                    }
                    int[] own = st.lengths.get(el);
                    if (own == null) {
                        return;
                    }
                    if (el.normalName().equals("a")) {
                        own[1] = own[0];
                    }
                    if (el.parent() != null) {
                        int[] up = st.lengths.computeIfAbsent(el.parent(), k -> new int[2]);
                        up[0] += own[0];
                        up[1] += own[1];
                    }
                }
            }, root);
            if (root.normalName().equals("a")) {
                int[] own = st.lengths.get(root);
                if (own != null) {
                    own[1] = own[0];
                }
            }
            return st;
        }

        double linkDensity(Element e) {
            int[] l = lengths.get(e);
            if (l == null || l[0] == 0) {
                return 0;
            }
            return Math.min(1.0, (double) l[1] / l[0]);
        }

        private static int collapsedLength(String s) {
            int n = 0;
            boolean space = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    space = true;
                } else {
                    if (space) {
                        n++;
                        space = false;
                    }
                    n++;
                }
            }
            return n;
        }
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

    private static boolean containsAny(String s, List<String> parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Words of class and id names, split at whitespace, '_' and '-'; an entry "a-b" matches the
     * adjacent words a, b. A set lookup per word instead of a regex alternation tried at every offset.
     */
    static final class Vocabulary {
        private final Set<String> words;

        Vocabulary(String spaceSeparated) {
            words = Set.of(spaceSeparated.trim().split("\\s+"));
        }

        boolean matches(String names) {
            List<String> t = new ArrayList<>(8);
            int start = -1;
            for (int i = 0; i <= names.length(); i++) {
                char c = i < names.length() ? names.charAt(i) : ' ';
                boolean sep = c == '_' || c == '-' || Character.isWhitespace(c);
                if (sep && start >= 0) {
                    t.add(names.substring(start, i));
                    start = -1;
                } else if (!sep && start < 0) {
                    start = i;
                }
            }
            for (int i = 0; i < t.size(); i++) {
                if (words.contains(t.get(i))) {
                    return true;
                }
                if (i + 1 < t.size()) {
                    String two = t.get(i) + "-" + t.get(i + 1);
                    if (words.contains(two) || (i + 2 < t.size() && words.contains(two + "-" + t.get(i + 2)))) {
                        return true;
                    }
                }
            }
            return false;
        }
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
