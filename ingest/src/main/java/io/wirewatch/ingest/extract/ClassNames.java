package io.wirewatch.ingest.extract;

import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Element;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the class and id names of a page's elements say: boilerplate, or a byline. One instance
 * per page: decisions are cached by the raw attribute values (names repeat within a page; not
 * across pages, which would flatter a benchmark that repeats its pages), and its buffers are reused.
 */
final class ClassNames {

    /** Bits of {@link #of}: the class or id names boilerplate; it marks a byline. */
    static final int BOILERPLATE_NAME = 1;
    static final int BYLINE_NAME = 2;

    /** Vocabulary of class/id words that mark boilerplate containers (hyphenated entries match adjacent words). */
    static final Vocabulary BOILERPLATE = new Vocabulary("nav navbar navigation menu menus footer sidebar "
            + "side-bar rail related relateds share shares sharing social socials comment comments comment-list disqus "
            + "cookie cookies consent gdpr newsletter newsletters promo promos promotion advert adverts advertisement "
            + "advertising ads ad ad-slot adslot sponsor sponsored breadcrumb breadcrumbs subscribe subscription paywall "
            + "latest most-read mostread most-popular popular trending tags tag-list taglist topics author-bio byline "
            + "dateline meta post-meta entry-meta article-meta toolbar widget widgets modal popup overlay banner "
            + "masthead skip print pagination pager more-stories recommended recommendations outbrain taboola "
            + "read-more readmore signup sign-up login caption credit credits hidden visually-hidden sr-only "
            + "screen-reader-text teaser teasers card cards");

    /** Class/id words that mark the article itself. */
    static final Vocabulary POSITIVE = new Vocabulary("article articlebody article-body article-content body "
            + "content entry entry-content main post post-body post-content story story-body text prose blog hentry "
            + "page-content");

    /** Words so specific that they mark boilerplate even inside a longer class name. */
    private static final List<String> BOILERPLATE_INFIX = List.of("related", "sidebar", "comment", "social",
            "sharing", "share-", "-share", "newsletter", "cookie", "breadcrumb", "advert", "outbrain", "taboola",
            "disqus", "promo-", "subscribe", "recommend", "mostread", "most-read", "mostpopular", "most-popular");
    /** Found anywhere in the class (the first three) or the id (the first): a byline. */
    private static final List<String> BYLINE_INFIX = List.of("byline", "author-name", "article-author");

    private static final int INFIX = 4; // internal: a boilerplate infix was found
    private static final Needles CLASS_NEEDLES = new Needles(BOILERPLATE_INFIX, BYLINE_INFIX);
    private static final Needles ID_NEEDLES = new Needles(BOILERPLATE_INFIX, BYLINE_INFIX.subList(0, 1));

    private final Map<String, Integer> cache = new HashMap<>();
    private final Words words = new Words();

    /** The flags of an element's class and id (from its attributes), the tag aside. */
    int of(Attributes a) {
        // parsed HTML has lower-case keys: an exact lookup, not Node.attr's case-insensitive one
        String cls = a.get("class");
        String id = a.get("id");
        if (cls.isEmpty() && id.isEmpty()) {
            return 0;
        }
        // keyed by the attribute values as they are: most elements have a class and no id, and the
        // value strings of a page repeat, so a hit costs no concatenation or lower-casing
        String key = id.isEmpty() ? cls : cls + "\u0000" + id;
        Integer known = cache.get(key);
        if (known == null) {
            known = decide(cls, id);
            cache.put(key, known);
        }
        return known;
    }

    /** Whether an element is named as boilerplate, given its flags. */
    static boolean isBoilerplateName(Element e, int flags) {
        return (flags & BOILERPLATE_NAME) != 0
                && !(e.nameIs("article") || e.nameIs("main") || e.nameIs("body"));
    }

    /**
     * The flags of a class and an id: the words of {@code lower(trim(class) + " " + id)} against the
     * vocabularies and the infixes. Names of printable ASCII and whitespace, nearly all of them, are
     * read in one pass into reused buffers; others take the general way, which gives the same answer.
     */
    int decide(String cls, String id) {
        words.clear();
        if (!words.addAsciiLower(cls) || !words.addAsciiLower(id)) {
            return decideGeneral(cls, id);
        }
        int found = CLASS_NEEDLES.find(cls) | ID_NEEDLES.find(id);
        int f = found & BYLINE_NAME;
        if ((BOILERPLATE.matches(words) || (found & INFIX) != 0) && !POSITIVE.matches(words)) {
            f |= BOILERPLATE_NAME;
        }
        return f;
    }

    /** Whether a class and an id hold words of the article itself ({@link #POSITIVE}). */
    static boolean positive(String cls, String id) {
        Words w = new Words();
        if (w.addAsciiLower(cls) && w.addAsciiLower(id)) {
            return POSITIVE.matches(w);
        }
        return POSITIVE.matches((cls + " " + id).toLowerCase(Locale.ROOT));
    }

    /** Any class and id, Unicode lower-casing included. */
    static int decideGeneral(String cls, String id) {
        String names = (cls.trim() + " " + id).toLowerCase(Locale.ROOT).trim();
        int f = 0;
        if (!names.isEmpty() && (BOILERPLATE.matches(names) || containsAny(names, BOILERPLATE_INFIX))
                && !POSITIVE.matches(names)) {
            f |= BOILERPLATE_NAME;
        }
        if (containsAsciiIgnoreCase(cls, "byline") || containsAsciiIgnoreCase(cls, "author-name")
                || containsAsciiIgnoreCase(cls, "article-author") || containsAsciiIgnoreCase(id, "byline")) {
            f |= BYLINE_NAME;
        }
        return f;
    }

    /** As a {@code (?i)} regex find of a lower-case literal: only ASCII letters fold. */
    static boolean containsAsciiIgnoreCase(String s, String lower) {
        int n = lower.length();
        for (int from = 0; from + n <= s.length(); from++) {
            if (regionEqualsAsciiLower(s, from, lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionEqualsAsciiLower(String s, int from, String lower) {
        int n = lower.length();
        if (from + n > s.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (asciiLower(s.charAt(from + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean containsAny(String s, List<String> parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code c} may be in a name read by the one-pass way: printable ASCII or ASCII whitespace. */
    private static boolean plainAscii(char c) {
        return (c >= ' ' && c < 0x7f) || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }

    /** Infixes with the bits they set: String.indexOf (a vectorised scan) per infix beats comparing at each offset. */
    private static final class Needles {
        private final String[] needles;
        private final int[] bits;

        Needles(List<String> boilerplate, List<String> byline) {
            needles = new String[boilerplate.size() + byline.size()];
            bits = new int[needles.length];
            for (int i = 0; i < needles.length; i++) {
                boolean b = i >= boilerplate.size();
                needles[i] = b ? byline.get(i - boilerplate.size()) : boilerplate.get(i);
                bits[i] = b ? BYLINE_NAME : INFIX;
            }
        }

        /** The bits of the needles found in {@code s} (plain ASCII), ASCII letters folded. */
        int find(String s) {
            if (s.isEmpty()) {
                return 0;
            }
            String lower = asciiLower(s);
            int found = 0;
            for (int i = 0; i < needles.length; i++) {
                if ((found & bits[i]) == 0 && lower.contains(needles[i])) {
                    found |= bits[i];
                }
            }
            return found;
        }
    }

    /** {@code s} with ASCII letters lower-cased; {@code s} itself when it has none upper-case (most names). */
    private static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int k = i; k < a.length; k++) {
                    a[k] = asciiLower(a[k]);
                }
                return new String(a);
            }
        }
        return s;
    }

    /**
     * The words of names, split at whitespace, '_' and '-', joined by single '-' in one buffer: two or
     * three adjacent words are then one range of it, looked up without making a string.
     */
    static final class Words {
        char[] joined = new char[64];
        int[] start = new int[16];
        int[] end = new int[16];
        /** String.hashCode of each word, made as it is read: looked up in several tables. */
        int[] hash = new int[16];
        int count;
        private int len;
        private boolean inWord;

        void clear() {
            count = 0;
            len = 0;
            inWord = false;
        }

        /** Adds the words of a lower-case string, as they are. */
        void add(String names) {
            for (int i = 0; i < names.length(); i++) {
                char c = names.charAt(i);
                push(c, c == '_' || c == '-' || ((c <= ' ' || c >= 0x7f) && Character.isWhitespace(c)));
            }
            endWord();
        }

        /**
         * Adds the words of {@code s} lower-cased, when all of it is plain ASCII (see {@link #plainAscii});
         * false otherwise, with the words left unfinished.
         */
        boolean addAsciiLower(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!plainAscii(c)) {
                    return false;
                }
                push(asciiLower(c), c == '_' || c == '-' || c <= ' ');
            }
            endWord();
            return true;
        }

        private void push(char c, boolean sep) {
            if (sep) {
                endWord();
                return;
            }
            if (len + 2 > joined.length) {
                joined = Arrays.copyOf(joined, joined.length * 2);
            }
            if (!inWord) {
                if (count > 0) {
                    joined[len++] = '-';
                }
                if (count == start.length) {
                    start = Arrays.copyOf(start, count * 2);
                    end = Arrays.copyOf(end, count * 2);
                    hash = Arrays.copyOf(hash, count * 2);
                }
                start[count] = len;
                hash[count] = 0;
                inWord = true;
            }
            joined[len++] = c;
            hash[count] = 31 * hash[count] + c;
        }

        private void endWord() {
            if (inWord) {
                end[count++] = len;
                inWord = false;
            }
        }
    }

    /**
     * Class and id words; an entry "a-b" matches the adjacent words a, b. A set lookup per word
     * instead of a regex alternation tried at every offset.
     */
    static final class Vocabulary {
        private final WordTable words;
        /** Leading words of the hyphenated entries ("side" of "side-bar", "screen-reader" of "screen-reader-text"). */
        private final WordTable prefixes;

        Vocabulary(String spaceSeparated) {
            Set<String> w = Set.of(spaceSeparated.trim().split("\\s+"));
            Set<String> p = new HashSet<>();
            for (String entry : w) {
                for (int i = entry.indexOf('-'); i > 0; i = entry.indexOf('-', i + 1)) {
                    p.add(entry.substring(0, i));
                }
            }
            words = new WordTable(w);
            prefixes = new WordTable(p);
        }

        /** Whether lower-case names hold a word or adjacent words of the vocabulary. */
        boolean matches(String names) {
            Words w = new Words();
            w.add(names);
            return matches(w);
        }

        boolean matches(Words w) {
            char[] joined = w.joined;
            int[] start = w.start;
            int[] end = w.end;
            int count = w.count;
            int[] hash = w.hash;
            for (int i = 0; i < count; i++) {
                if (words.contains(joined, start[i], end[i], hash[i])) {
                    return true;
                }
                // adjacent words only when they can start an entry
                if (i + 1 < count && prefixes.contains(joined, start[i], end[i], hash[i])
                        && (words.contains(joined, start[i], end[i + 1]) || (i + 2 < count
                        && prefixes.contains(joined, start[i], end[i + 1])
                        && words.contains(joined, start[i], end[i + 2])))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A fixed set of strings, looked up by a range of a char array (open addressing on the strings' hash). */
    static final class WordTable {
        private final String[] slots;

        WordTable(Set<String> strings) {
            slots = new String[Integer.highestOneBit(Math.max(8, strings.size() * 4) - 1) << 1];
            for (String s : strings) {
                int i = slot(s.hashCode());
                while (slots[i] != null) {
                    i = (i + 1) & (slots.length - 1);
                }
                slots[i] = s;
            }
        }

        boolean contains(char[] a, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + a[i];
            }
            return contains(a, from, to, h);
        }

        /** As {@link #contains(char[], int, int)}, given the range's String.hashCode. */
        boolean contains(char[] a, int from, int to, int h) {
            for (int i = slot(h); slots[i] != null; i = (i + 1) & (slots.length - 1)) {
                String s = slots[i];
                if (s.length() == to - from && equalsRange(s, a, from)) {
                    return true;
                }
            }
            return false;
        }

        private int slot(int h) {
            return (h ^ (h >>> 16)) & (slots.length - 1);
        }

        private static boolean equalsRange(String s, char[] a, int from) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) != a[from + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
