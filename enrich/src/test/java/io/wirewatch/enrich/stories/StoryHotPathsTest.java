package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-article shortcuts on the story path give what the plain code they replace gives: the ASCII
 * text hash, the allocation-free word hashes of the near-copy signature, and the top entities of a story.
 */
class StoryHotPathsTest {

    private static final String[] PIECES = {"Harbour", "STORM", "ferry", "2026", "1,200", " ", "  ", ".", ", ", "\n",
            "-", "_", "$", "^", "'s", "Zürich", "São", "ŁÓDŹ", "İstanbul", "ΟΔΟΣ", "ß", "½", "ª", "café", "日本", "\uD83D\uDE00"};

    private static String text(Random r, boolean asciiOnly) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            String p = PIECES[r.nextInt(asciiOnly ? 15 : PIECES.length)];
            b.append(p);
            if (r.nextInt(3) == 0) {
                b.append((char) (32 + r.nextInt(95))); // any printable ASCII character
            }
        }
        return b.toString();
    }

    @Test
    void theAsciiTextHashIsTheCodePointHash() {
        Random r = new Random(1);
        for (int i = 0; i < 3000; i++) {
            String t = text(r, i % 2 == 0);
            assertThat(StoryClusterer.textHash(t)).as(t).isEqualTo(StoryClusterer.textHashByCodePoints(t));
        }
        assertThat(StoryClusterer.textHash("Court lifts BAN, again.")).isEqualTo(StoryClusterer.textHash("court  lifts ban again"));
        assertThat(StoryClusterer.textHash("")).isEqualTo(StoryClusterer.textHashByCodePoints(""));
    }

    @Test
    void wordHashesAreTheLowerCasedSubstringsHashes() {
        Random r = new Random(2);
        for (int i = 0; i < 3000; i++) {
            String t = text(r, i % 2 == 0);
            int a = r.nextInt(t.length() + 1);
            int b = a + r.nextInt(t.length() - a + 1);
            assertThat(NearDuplicates.lowerHash(t, a, b)).as(t + " " + a + ".." + b)
                    .isEqualTo(t.substring(a, b).toLowerCase(Locale.ROOT).hashCode());
        }
        // İ lower-cases to two chars and a final Σ by context: such words keep the string path
        assertThat(NearDuplicates.lowerHash("xİΟΔΟΣ", 1, 6)).isEqualTo("İΟΔΟΣ".toLowerCase(Locale.ROOT).hashCode());
    }

    @Test
    void mostCountedIsAStableSortByCountThenALimit() {
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            Map<String, Integer> counts = i % 2 == 0 ? new LinkedHashMap<>() : new HashMap<>();
            int n = r.nextInt(60);
            for (int j = 0; j < n; j++) {
                counts.put("e" + r.nextInt(100), 1 + r.nextInt(i % 3 == 0 ? 3 : 30)); // many ties on some
            }
            int k = 1 + r.nextInt(12);
            List<String> expected = counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                    .limit(k).map(Map.Entry::getKey).toList();
            assertThat(StoryState.mostCounted(counts, k)).isEqualTo(expected);
        }
        assertThat(StoryState.mostCounted(new LinkedHashMap<>(), 10)).isEmpty();
        Map<String, Integer> ties = new LinkedHashMap<>();
        for (int j = 0; j < 15; j++) {
            ties.put("t" + j, 2);
        }
        ties.put("top", 3);
        assertThat(StoryState.mostCounted(ties, 10)).containsExactly("top", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");
    }
}
