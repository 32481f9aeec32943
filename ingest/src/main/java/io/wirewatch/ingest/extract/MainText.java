package io.wirewatch.ingest.extract;

import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

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
    private static final Set<String> NEVER_TEXT_TAGS = tags("script", "style", "noscript", "template", "svg",
            "canvas", "iframe", "object", "embed", "video", "audio", "map", "button", "select", "input", "textarea",
            "label", "option", "figcaption", "figure", "picture", "dialog", "menu");
    /** ARIA roles of page furniture. */
    private static final Set<String> NEVER_TEXT_ROLES = Set.of("navigation", "complementary", "contentinfo",
            "banner", "dialog", "alert");
    private static final Pattern DISPLAY_NONE = Pattern.compile("(?i)display\\s*:\\s*none");

    /** Page-structure elements that are boilerplate unless they hold most of the page's prose. */
    private static final Set<String> STRUCTURAL = tags("nav", "aside", "footer", "header", "form");

    private static final Pattern ARTICLE_TYPE = Pattern.compile("(?i)schema\\.org/\\w*(Article|BlogPosting|Report)$");

    private static final Set<String> BLOCK_TAGS = tags("p", "div", "section", "article", "main", "h1", "h2", "h3",
            "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
            "tbody", "thead", "tfoot", "caption", "header", "footer", "address", "hr", "center", "details",
            "summary", "form", "fieldset", "aside", "nav");

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？…][\"'”’»)\\]]*$");
    private static final int MIN_PARAGRAPH = 25;

    private MainText() {}

    /**
     * A set of tag names, looked up for every element: a HashSet finds by mask where Set.of's
     * probe divides (floorMod), which showed in the profile.
     */
    private static Set<String> tags(String... names) {
        return java.util.Collections.unmodifiableSet(new java.util.HashSet<>(List.of(names)));
    }

    /** The main text, paragraphs joined by blank lines; the document is modified. */
    static String extract(Document doc) {
        return extract(doc, PageScan.of(doc));
    }

    /** As {@link #extract(Document)}, with the scan of the page made before anything was removed from it. */
    static String extract(Document doc, PageScan scan) {
        Element body = doc.body();
        if (body == null) {
            return "";
        }
        for (Element e : scan.neverText) {
            if (e.parent() != null) {
                e.remove();
            }
        }
        Texts texts = new Texts();
        ProseSpans prose = new ProseSpans(scan, texts);
        for (Element e : scan.structural) {
            if (e.parent() != null && !prose.holdsMost(e)) {
                texts.remove(e);
            }
        }
        List<Element> boiler = new ArrayList<>();
        for (Element e : scan.boilerplateNamed) {
            if (!prose.holdsMost(e)) {
                boiler.add(e);
            }
        }
        boiler.forEach(e -> {
            if (e.parent() != null) {
                texts.remove(e);
            }
        });
        Layout layout = Layout.of(body, texts); // what the removals left
        Element best = bestCandidate(body, layout);
        List<String> blocks = new ArrayList<>();
        for (Element root : withSplitParts(body, best, layout)) {
            blocks.addAll(blocks(root));
        }
        return String.join("\n\n", blocks);
    }

    /**
     * What is never article text: the tags, hidden elements and ARIA roles above; {@code attrs} is
     * the element's attributes, null when it has none.
     */
    static boolean isNeverText(Element e, Attributes attrs) {
        if (NEVER_TEXT_TAGS.contains(e.normalName())) {
            return true;
        }
        if (attrs == null) {
            return false;
        }
        // parsed HTML has lower-case keys: exact lookups, not Node.attr's case-insensitive ones
        if (attrs.hasKey("hidden") || attrs.get("aria-hidden").equalsIgnoreCase("true")) {
            return true;
        }
        String role = attrs.get("role");
        if (!role.isEmpty() && NEVER_TEXT_ROLES.contains(role.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String style = attrs.get("style");
        // (?i) folds ASCII only, so a style without "none" in any case cannot match: no regex for most
        return !style.isEmpty() && ClassNames.containsAsciiIgnoreCase(style, "none")
                && DISPLAY_NONE.matcher(style).find();
    }

    /** Page-structure elements, boilerplate unless they hold most of the page's prose. */
    static boolean isStructural(Element e) {
        return STRUCTURAL.contains(e.normalName());
    }

    static boolean isProseTag(Element e) {
        String t = e.normalName();
        return t.equals("p") || t.equals("pre") || t.equals("blockquote");
    }

    /**
     * Paragraph text length held by each element (each p, pre, blockquote of at least MIN_PARAGRAPH
     * characters counted once in every ancestor up to the root), summed child to parent as a
     * post-order walk leaves each element: no walk up the ancestor chain per paragraph.
     */
    private static final class ProseCounter implements NodeVisitor {
        private final Element root;
        private final Texts texts;
        private final Map<Element, Integer> prose;

        ProseCounter(Element root, Texts texts, Map<Element, Integer> prose) {
            this.root = root;
            this.texts = texts;
            this.prose = prose;
        }

        @Override
        public void head(Node node, int depth) {}

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element el) {
                leave(el);
            }
        }

        void leave(Element el) {
            Integer below = prose.get(el);
            int sum = below == null ? 0 : below;
            if (isProseTag(el)) {
                int len = texts.of(el).length();
                if (len >= MIN_PARAGRAPH) {
                    sum += len;
                }
            }
            if (sum == 0) {
                return;
            }
            if (below == null || sum != below) {
                prose.put(el, sum);
            }
            Element parent = el.parent();
            if (el != root && parent != null) {
                prose.merge(parent, sum, Integer::sum);
            }
        }
    }

    /**
     * Paragraph text (p, pre, blockquote of at least MIN_PARAGRAPH characters) held by the scan's
     * candidates, once never-text elements are gone: running sums over the paragraphs in document
     * order, so an element's share is the difference across its span (no walk of the tree).
     */
    private static final class ProseSpans {
        private final PageScan scan;
        private final int[] sums; // sums[i]: text of the paragraphs before the i-th
        private final int total;

        ProseSpans(PageScan scan, Texts texts) {
            this.scan = scan;
            sums = new int[scan.paragraphs.size() + 1];
            for (int i = 0; i < scan.paragraphs.size(); i++) {
                int len = texts.of(scan.paragraphs.get(i)).length();
                sums[i + 1] = sums[i] + (len >= MIN_PARAGRAPH ? len : 0);
            }
            total = sums[sums.length - 1];
        }

        /** Whether the element (a structural or boilerplate-named one of the scan) holds half the page's prose. */
        boolean holdsMost(Element e) {
            if (total == 0) {
                return false;
            }
            int[] span = scan.spans.get(e);
            int n = scan.paragraphs.size();
            int from = lowerBound(scan.paragraphIndex, n, span[0]);
            int to = lowerBound(scan.paragraphIndex, n, span[1] + 1);
            return sums[to] - sums[from] >= total * 0.5;
        }

        private static int lowerBound(int[] a, int n, int key) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * Article bodies are often cut into several containers by images, embeds or teasers: take, in
     * document order, the other elements built like the best one (same tag and class) that hold prose,
     * and the best one's siblings that score well or read as paragraphs.
     */
    private static List<Element> withSplitParts(Element body, Element best, Layout layout) {
        if (best == body) {
            return List.of(best);
        }
        double bestScore = layout.scores.getOrDefault(best, 0.0);
        Set<Element> chosen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.add(best);
        String cls = best.className().trim();
        if (!cls.isEmpty()) {
            for (Element e : layout.elements) {
                if (e != best && e.normalName().equals(best.normalName()) && e.className().trim().equals(cls)
                        && layout.prose.containsKey(e) && layout.linkDensity(e) < 0.5) {
                    chosen.add(e);
                }
            }
        }
        Element parent = best.parent();
        if (parent != null) {
            // child elements read off the child nodes: children() copies and caches a list in the element
            for (int i = 0; i < parent.childNodeSize(); i++) {
                if (!(parent.childNode(i) instanceof Element sib)) {
                    continue;
                }
                // a sibling <article> is another composition (a teaser), not a part of this one
                if (sib == best || chosen.contains(sib) || layout.holdsArticle.contains(sib)) {
                    continue;
                }
                double ld = layout.linkDensity(sib);
                String text = layout.texts.of(sib);
                boolean paragraph = (isParagraph(sib) || layout.prose.containsKey(sib))
                        && ((text.length() >= 80 && ld < 0.25)
                        || (text.length() > 0 && ld == 0 && SENTENCE_END.matcher(text).find()));
                double s = layout.scores.getOrDefault(sib, 0.0) * (1 - ld);
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
        NodeTraversor.traverse(new NodeVisitor() {
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

    /** The best-scoring container; the final score of every candidate is left in {@code layout.scores}. */
    private static Element bestCandidate(Element body, Layout layout) {
        Element best = body;
        double bestScore = 0;
        for (Map.Entry<Element, Double> en : layout.scores.entrySet()) {
            Element c = en.getKey();
            double s = (en.getValue() + classWeight(c)) * (1 - layout.linkDensity(c));
            en.setValue(s);
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    private static double classWeight(Element e) {
        double w = 0;
        if (ClassNames.positive(e.className(), e.id())) {
            w += 25;
        }
        if (e.tagName().equals("article")) {
            w += 25;
        }
        // schema.org microdata marks the page's own article, never the teasers around it
        if (e.attr("itemprop").equalsIgnoreCase("articleBody")) {
            w += 50;
        }
        String itemtype = e.attr("itemtype");
        if (!itemtype.isEmpty() && ARTICLE_TYPE.matcher(itemtype).find()) {
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
            for (int i = 0; i < e.childNodeSize(); i++) {
                // blank text nodes count nothing (whitespace only), so skip normalising them
                if (e.childNode(i) instanceof TextNode tn && !tn.isBlank()) {
                    own += tn.text().trim().length();
                    if (own >= MIN_PARAGRAPH) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int commas(String text) {
        // indexOf scans are vectorised, and a Latin-1 string rejects the CJK and Arabic commas at once
        return count(text, ',') + count(text, '，') + count(text, '、') + count(text, '،');
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * Element texts, each computed once: a removal marks its ancestors changed, and only their text
     * is computed again. {@link Element#text()} walks the element's subtree on every call.
     */
    static final class Texts {
        private final Map<Element, String> before = new IdentityHashMap<>();
        private final Map<Element, String> after = new IdentityHashMap<>();
        private final Set<Element> changed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        String of(Element e) {
            return (changed.contains(e) ? after : before).computeIfAbsent(e, Element::text);
        }

        /** Removes an element from the tree, marking the elements whose text it was part of. */
        void remove(Element e) {
            after.clear();
            for (Element a = e.parent(); a != null && changed.add(a); a = a.parent()) {
                // an ancestor already marked has its own ancestors marked
            }
            e.remove();
        }
    }

    /**
     * One walk of the tree the removals left: text and link-text length of every element, prose per
     * element, paragraph scores of candidate containers, the elements in document order and those
     * holding an {@code <article>}. Text lengths count whitespace runs as one character, as in
     * {@link Element#text()}.
     */
    static final class Layout implements NodeVisitor {
        final Element root;
        final Texts texts;
        final Map<Element, int[]> lengths = new IdentityHashMap<>();
        final Map<Element, Integer> prose = new IdentityHashMap<>();
        /** Raw paragraph scores while walking; {@link #bestCandidate} turns them into final scores. */
        final Map<Element, Double> scores = new IdentityHashMap<>();
        final List<Element> elements = new ArrayList<>();
        final Set<Element> holdsArticle = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final ProseCounter proseCounter;

        private Layout(Element root, Texts texts) {
            this.root = root;
            this.texts = texts;
            this.proseCounter = new ProseCounter(root, texts, prose);
        }

        static Layout of(Element root, Texts texts) {
            Layout l = new Layout(root, texts);
            NodeTraversor.traverse(l, root);
            if (root.normalName().equals("a")) {
                int[] own = l.lengths.get(root);
                if (own != null) {
                    own[1] = own[0];
                }
            }
            return l;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode tn) {
                if (node.parentNode() instanceof Element parent) {
                    int len = collapsedLength(tn.getWholeText());
                    if (len > 0) {
                        lengths.computeIfAbsent(parent, k -> new int[2])[0] += len;
                    }
                }
            } else if (node instanceof Element p) {
                elements.add(p);
                score(p);
            }
        }

        /** A paragraph's score, shared out to its parent (in full), grandparent (half) and a few levels above. */
        private void score(Element p) {
            if (!isParagraph(p)) {
                return;
            }
            String text = texts.of(p);
            if (text.length() < MIN_PARAGRAPH) {
                return;
            }
            double s = 1 + commas(text) + Math.min(text.length() / 100.0, 3);
            Element a = p.parent();
            for (int level = 0; a != null && level < 5; level++, a = a.parent()) {
                double share = level == 0 ? 1 : level == 1 ? 0.5 : 1.0 / (level * 3);
                scores.merge(a, s * share, Double::sum);
                if (a == root) {
                    break;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element el)) {
                return;
            }
            proseCounter.leave(el);
            if (el == root) {
                return;
            }
            Element parent = el.parent();
            if (el.normalName().equals("article") || holdsArticle.contains(el)) {
                holdsArticle.add(el);
                if (parent != null) {
                    holdsArticle.add(parent);
                }
            }
            int[] own = lengths.get(el);
            if (own == null) {
                return;
            }
            if (el.normalName().equals("a")) {
                own[1] = own[0];
            }
            if (parent != null) {
                int[] up = lengths.computeIfAbsent(parent, k -> new int[2]);
                up[0] += own[0];
                up[1] += own[1];
            }
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
        NodeTraversor.traverse(new NodeVisitor() {
            int links; // <a> elements below the root that enclose the current node

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode tn) {
                    String s = tn.getWholeText();
                    cur[0].text.append(s);
                    if (links > 0) {
                        cur[0].linkChars += s.strip().length();
                    }
                } else if (node instanceof Element el && el != root && el.tagName().equals("a")) {
                    links++;
                } else if (node instanceof Element el && el.tagName().equals("br")) {
                    cur[0].text.append('\n');
                } else if (node instanceof Element el && BLOCK_TAGS.contains(el.tagName())) {
                    raw.add(cur[0]);
                    cur[0] = new Block(el.tagName());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && el != root && el.tagName().equals("a")) {
                    links--;
                } else if (node instanceof Element el && BLOCK_TAGS.contains(el.tagName())) {
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

    /** Whitespace runs (Unicode spaces and zero-width space included) as one space, none at the ends. */
    static String normalize(CharSequence text) {
        int n = text.length();
        char[] c = new char[n];
        if (text instanceof String str) {
            str.getChars(0, n, c, 0);
        } else if (text instanceof StringBuilder sb) {
            sb.getChars(0, n, c, 0);
        } else {
            for (int i = 0; i < n; i++) {
                c[i] = text.charAt(i);
            }
        }
        // compacted in place: what is written never overtakes what is read
        int out = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            // printable ASCII, most of any page, is never a space: skip the two Character lookups
            boolean blank = (ch <= ' ' || ch >= 0x7f)
                    && (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\u200b');
            if (blank) {
                space = out > 0;
            } else {
                if (space) {
                    c[out++] = ' ';
                    space = false;
                }
                c[out++] = ch;
            }
        }
        return new String(c, 0, out);
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
