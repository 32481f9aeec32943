package io.wirewatch.enrich.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Sentence splitting with the JDK's rule-based BreakIterator; line breaks always end a sentence. */
public final class Sentences {

    /** A sentence and where it starts in the text. */
    public record Sentence(String text, int start) {}

    /** An initialism at the end of a break ("the U.N.", "the U.S."): BreakIterator ends a sentence there. */
    private static final Pattern INITIALISM_END = Pattern.compile("(?:\\b\\p{Lu}\\.){2,}$");
    /** Words that usually open a new sentence; after one of them an initialism did end the sentence. */
    private static final Set<String> SENTENCE_OPENERS = Set.of("The", "A", "An", "It", "Its", "He", "She", "They",
            "We", "I", "This", "That", "These", "Those", "There", "In", "On", "At", "But", "And", "However", "Meanwhile",
            "After", "Before", "When", "While", "If", "As", "His", "Her", "Their", "Our", "Some", "Many", "So", "Yet");

    private Sentences() {}

    /** Which lines of a text to split, by their span {@code [start, end)}. */
    @FunctionalInterface
    public interface LineFilter {
        boolean wanted(int start, int end);
    }

    public static List<Sentence> split(String text) {
        return split(text, (start, end) -> true);
    }

    /**
     * The sentences of the lines {@code wanted} accepts. A line break always ends a sentence, so a
     * caller that needs only some sentences (those holding a mention) saves the breaking of the rest.
     */
    public static List<Sentence> split(String text, LineFilter wanted) {
        List<Sentence> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        // one iterator for the whole text: creating one clones the rule tables, which cost more than a line's breaking
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            if (!wanted.wanted(lineStart, lineEnd)) {
                lineStart = lineEnd + 1;
                continue;
            }
            String line = text.substring(lineStart, lineEnd);
            it.setText(line);
            int s = it.first();
            for (int e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
                // "...adhere to the U.N. Security Council sanctions": keep going past an initialism
                while (e < line.length() && mayEndInInitialism(line, s, e)
                        && INITIALISM_END.matcher(line.substring(s, e).strip()).find()
                        && !opensSentence(line.substring(e))) {
                    int next = it.next();
                    if (next == BreakIterator.DONE) {
                        break;
                    }
                    e = next;
                }
                String sent = line.substring(s, e).strip();
                if (!sent.isEmpty()) {
                    out.add(new Sentence(sent, lineStart + s + (line.substring(s, e).indexOf(sent))));
                }
            }
            lineStart = lineEnd + 1;
        }
        return out;
    }

    /** A cheap necessary condition of {@link #INITIALISM_END}: the break, less trailing space, ends in "X.". */
    private static boolean mayEndInInitialism(String line, int s, int e) {
        int k = e;
        while (k > s && Character.isWhitespace(line.charAt(k - 1))) {
            k--;
        }
        return k - s >= 4 && line.charAt(k - 1) == '.' && Character.isUpperCase(line.codePointBefore(k - 1));
    }

    private static boolean opensSentence(String rest) {
        String r = rest.stripLeading();
        if (r.isEmpty()) {
            return true;
        }
        int k = 0;
        while (k < r.length() && Character.isLetter(r.charAt(k))) {
            k++;
        }
        String word = r.substring(0, k);
        return word.isEmpty() || !Character.isUpperCase(word.charAt(0)) || SENTENCE_OPENERS.contains(word);
    }
}
