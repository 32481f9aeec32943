package io.wirewatch.enrich.stories;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Bag-of-words term counts for story similarity: lower-cased word tokens, stop words and numbers dropped. */
public final class TextVectors {

    // a set, not Set.of: a word listed twice must not break class initialisation
    private static final Set<String> STOP = Set.copyOf(java.util.List.of(("a about above after again against all also am an and any are as at be because been "
            + "before being below between both but by can could did do does doing down during each few for from further had has "
            + "have having he her here hers herself him himself his how i if in into is it its itself just me more most my "
            + "myself no nor not now of off on once only or other our ours ourselves out over own same she should so some "
            + "such than that the their theirs them themselves then there these they this those through to too under until "
            + "up very was we were what when where which while who whom why will with would you your yours yourself said says "
            + "say told according new one two three year years also its it's mr ms may might must since last first us "
            + "would could should week day time people like get got make made many much well back even still").split(" ")));

    private TextVectors() {}

    public static Map<String, Integer> termCounts(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text == null) {
            return counts;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)))) {
                i++;
            }
            if (i - start >= 2) {
                String w = text.substring(start, i).toLowerCase(Locale.ROOT);
                if (!STOP.contains(w)) {
                    counts.merge(w, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    public static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        return dot(a, b) / (norm(a) * norm(b));
    }

    /** Cosine with both norms already known ({@link #norm} of each), so neither vector is walked for it. */
    public static double cosine(Map<String, Double> a, double normA, Map<String, Double> b, double normB) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        return dot(a, b) / (normA * normB);
    }

    /** The dot product: one merge when both are {@link TermVector}s, else a walk of the smaller map. */
    public static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a instanceof TermVector x && b instanceof TermVector y) {
            return x.dot(y);
        }
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (var e : small.entrySet()) {
            Double v = large.get(e.getKey());
            if (v != null) {
                dot += e.getValue() * v;
            }
        }
        return dot;
    }

    public static double norm(Map<String, Double> v) {
        if (v instanceof TermVector t) {
            return t.norm(); // the same sum, in the same order, without boxing each weight
        }
        double s = 0;
        for (double x : v.values()) {
            s += x * x;
        }
        return Math.sqrt(s) + 1e-12;
    }
}
