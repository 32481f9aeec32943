package io.wirewatch.enrich.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds page furniture that reached the article text: a "Latest news" / "Related" / "Read more" heading
 * with the list of links under it, a trailing run of bulleted headlines, share bars ("Share
 * Facebook Twitter Email") and navigation menus ("Home | World | Politics"). Entities and claims are not read from these spans.
 */
public final class Furniture {

    /** A furniture span of the text, {@code [start, end)}. */
    public record Span(int start, int end) {
        public boolean contains(int offset) {
            return offset >= start && offset < end;
        }
    }

    /** Headings that open a block of links to other pages. Compared lower-case, without a trailing colon. */
    private static final Set<String> LINK_HEADINGS = Set.of("latest news", "latest", "latest stories", "related",
            "related news", "related articles", "related stories", "related content", "related coverage",
            "read more", "read also", "also read", "see also", "more news", "more stories", "more from",
            "most read", "most popular", "popular", "popular now", "trending", "trending now", "top stories",
            "recommended", "recommended for you", "you may also like", "you might also like", "editor's picks",
            "editors' picks", "in other news", "recent posts", "recent news", "more on this story", "news feed",
            "other news", "what to read next", "tags", "topics");
    /** Words of a share bar or a social footer; a line made only of these is furniture. */
    private static final Set<String> SHARE_WORDS = Set.of("share", "this", "article", "story", "on", "via", "facebook",
            "twitter", "x", "whatsapp", "telegram", "linkedin", "reddit", "email", "e-mail", "print", "copy", "link",
            "vk", "pinterest", "messenger", "viber", "tweet", "follow", "us", "subscribe", "comments", "comment",
            "save", "bluesky", "threads", "instagram", "youtube", "tiktok", "advertisement", "ad", "sponsored", "and");
    private static final Set<String> LONE_BAR_WORDS = Set.of("share", "advertisement", "print", "sponsored", "subscribe");
    private static final Pattern MENU_SEPARATOR = Pattern.compile("\\s+[|\u2022\u00b7/>\u203a\u00bb]\\s+|\\s*\\|\\s*");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-\u2013\u2014\u2022*\u00b7\u25aa>]|\\d{1,2}[.)])\\s+\\S");
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}'\u2019-]+");

    private Furniture() {}

    /** The furniture spans of a text, in order. */
    public static List<Span> spans(String text) {
        List<Span> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        List<int[]> lines = lines(text);
        int k = 0;
        while (k < lines.size()) {
            String line = text.substring(lines.get(k)[0], lines.get(k)[1]).strip();
            if (isLinkHeading(line)) {
                // the heading and the headline-like lines under it, up to the first line that reads as prose
                int end = k + 1;
                for (int j = k + 1; j < lines.size(); j++) {
                    String next = text.substring(lines.get(j)[0], lines.get(j)[1]).strip();
                    if (next.isEmpty()) {
                        continue;
                    }
                    if (!headlineLike(next)) {
                        break;
                    }
                    end = j + 1;
                }
                if (end > k + 1 || k == lines.size() - 1) {
                    out.add(new Span(lines.get(k)[0], lines.get(end - 1)[1]));
                    k = end;
                    continue;
                }
            } else if (isShareBar(line) || isMenu(line)) {
                out.add(new Span(lines.get(k)[0], lines.get(k)[1]));
            }
            k++;
        }
        // a trailing run of three or more bulleted headlines is a link list even without a heading
        int end = lines.size();
        while (end > 0 && text.substring(lines.get(end - 1)[0], lines.get(end - 1)[1]).isBlank()) {
            end--;
        }
        int start = end;
        while (start > 0) {
            String l = text.substring(lines.get(start - 1)[0], lines.get(start - 1)[1]).strip();
            if (!BULLET.matcher(l).find() || !headlineLike(l)) {
                break;
            }
            start--;
        }
        if (end - start >= 3) {
            out.add(new Span(lines.get(start)[0], lines.get(end - 1)[1]));
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** Whether an offset falls in one of the spans. */
    public static boolean inAny(List<Span> spans, int offset) {
        for (Span s : spans) {
            if (s.contains(offset)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLinkHeading(String line) {
        if (line.length() > 40) {
            return false;
        }
        String l = line.toLowerCase(Locale.ROOT);
        // trailing ":", "»", ">", "›", "|" and spaces, as the regex [:»>›|\s]+$ would drop them, without compiling one per line
        int end = l.length();
        while (end > 0 && ":\u00bb>\u203a| \t\n\u000b\f\r".indexOf(l.charAt(end - 1)) >= 0) {
            end--;
        }
        l = l.substring(0, end).strip();
        return LINK_HEADINGS.contains(l);
    }

    private static boolean isShareBar(String line) {
        if (line.isEmpty() || line.length() > 120) {
            return false;
        }
        var m = WORDS.matcher(line.toLowerCase(Locale.ROOT));
        int n = 0;
        while (m.find()) {
            if (!SHARE_WORDS.contains(m.group())) {
                return false;
            }
            n++;
        }
        // one word alone is a bar only when it cannot be anything else ("Share", "Advertisement")
        return n >= 2 || (n == 1 && LONE_BAR_WORDS.contains(line.toLowerCase(Locale.ROOT)));
    }

    /** A navigation menu: three or more short items on one line between separators ("Home | World | Politics"). */
    private static boolean isMenu(String line) {
        if (!hasSeparator(line)) {
            return false; // most lines are prose: the split below would return one item
        }
        String[] items = MENU_SEPARATOR.split(line);
        if (items.length < 3) {
            return false;
        }
        for (String item : items) {
            String t = item.strip();
            if (t.isEmpty() || t.split("\\s+").length > 4 || t.endsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSeparator(String line) {
        // String.indexOf is vectorised: seven scans of a paragraph beat one loop over its chars
        return line.indexOf('|') >= 0 || line.indexOf('/') >= 0 || line.indexOf('>') >= 0 || line.indexOf('\u00b7') >= 0
                || line.indexOf('\u00bb') >= 0 || line.indexOf('\u2022') >= 0 || line.indexOf('\u203a') >= 0;
    }

    /** A link's title: short, one line, no sentence-final period. */
    private static boolean headlineLike(String line) {
        if (line.isEmpty() || line.length() > 160) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return last != '.' && last != ':' && last != ';' && last != ',';
    }

    private static List<int[]> lines(String text) {
        List<int[]> out = new ArrayList<>();
        int s = 0;
        while (s <= text.length()) {
            int e = text.indexOf('\n', s);
            if (e < 0) {
                e = text.length();
            }
            out.add(new int[] {s, e});
            s = e + 1;
        }
        return out;
    }
}
