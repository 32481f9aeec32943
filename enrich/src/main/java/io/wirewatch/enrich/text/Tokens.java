package io.wirewatch.enrich.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into word and punctuation tokens with offsets. Word tokens are compared in a folded
 * form (diacritics and in-word apostrophes removed) so that "Cártel" matches "Cartel" and
 * "Hay'at" matches "Hayat"; a possessive "'s" becomes its own token so that "Russia's" holds "Russia".
 */
public final class Tokens {

    /** One token: its surface text, its folded form for matching, and its character span. */
    public record Token(String text, String folded, int start, int end) {
        public boolean isWord() {
            return Character.isLetterOrDigit(text.charAt(0));
        }

        public boolean isCapitalized() {
            return Character.isUpperCase(text.charAt(0));
        }
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Punctuation tokens of one ASCII character, shared rather than allocated per token. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private Tokens() {}

    public static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                // the folded form is built only for a word with an apostrophe dropped; any other is its own text
                StringBuilder folded = null;
                boolean ascii = true;
                while (i < n) {
                    char d = s.charAt(i);
                    if (Character.isLetterOrDigit(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
                        ascii &= d < 128;
                        if (folded != null) {
                            folded.append(d);
                        }
                        i++;
                    } else if (isApostrophe(d) && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
                        // possessive 's ends the word; any other in-word apostrophe is dropped (Hay'at)
                        boolean possessive = (s.charAt(i + 1) == 's' || s.charAt(i + 1) == 'S')
                                && (i + 2 >= n || !Character.isLetterOrDigit(s.charAt(i + 2)));
                        if (possessive) {
                            break;
                        }
                        if (folded == null) {
                            folded = new StringBuilder(2 * (i - start) + 16).append(s, start, i);
                        }
                        i++;
                    } else {
                        break;
                    }
                }
                String word = s.substring(start, i);
                // an ASCII word has no diacritics to fold (the apostrophe that ended it is not part of it)
                out.add(new Token(word, folded == null ? (ascii ? word : fold(word)) : fold(folded.toString()), start, i));
            } else if (isApostrophe(c) && i + 1 < n && (s.charAt(i + 1) == 's' || s.charAt(i + 1) == 'S')
                    && (i + 2 >= n || !Character.isLetterOrDigit(s.charAt(i + 2)))) {
                out.add(new Token(s.substring(i, i + 2), "'s", i, i + 2));
                i += 2;
            } else if (!Character.isWhitespace(c)) {
                String one = c < ONE_CHAR.length ? ONE_CHAR[c] : String.valueOf(c);
                out.add(new Token(one, isApostrophe(c) ? "'" : isDash(c) ? "-" : one, i, i + 1));
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Diacritics removed, case kept. */
    public static String fold(String word) {
        boolean ascii = true;
        for (int k = 0; k < word.length(); k++) {
            if (word.charAt(k) > 127) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return word;
        }
        return MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u02BC';
    }

    static boolean isDash(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013';
    }
}
