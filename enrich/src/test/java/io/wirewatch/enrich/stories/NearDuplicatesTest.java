package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NearDuplicatesTest {

    static final String WIRE = "Rescue crews in the northern province worked through the night on Thursday to reach "
            + "villages cut off by a landslide that buried a stretch of the main highway, officials said. At least "
            + "twelve people were missing and dozens of homes were damaged after days of heavy rain loosened the "
            + "hillside above the road. The provincial governor said helicopters would fly food and medicine to the "
            + "isolated communities as soon as the weather cleared. Engineers warned that more of the slope could "
            + "give way and asked residents of nearby valleys to move to schools and sports halls that have been "
            + "turned into shelters. The national weather service forecast more rain for the weekend.";

    /** The wire text as a second outlet runs it: a new first words, two wording changes, the last sentence cut. */
    static final String WIRE_EDITED = "ROME (Wire) - Rescue crews in the northern province worked through the night on "
            + "Thursday to reach villages cut off by a landslide that buried part of the main highway, officials "
            + "said. At least 12 people were missing and dozens of homes were damaged after days of heavy rain "
            + "loosened the hillside above the road. The provincial governor said helicopters would fly food and "
            + "medicine to the isolated communities as soon as the weather cleared. Engineers warned that more of "
            + "the slope could give way and asked residents of nearby valleys to move to schools and sports halls "
            + "that have been turned into shelters.";

    /** Another outlet's own report of the same event. */
    static final String SAME_EVENT = "A landslide in the north blocked the main highway and left several mountain "
            + "villages without road access on Thursday. Twelve residents are unaccounted for, according to the "
            + "provincial authorities, and emergency teams are searching damaged houses. Helicopters are expected "
            + "to deliver supplies once the rain stops, while engineers fear further collapses on the slope.";

    @Test
    void aCopyWithSmallEditsIsCloseAndAnotherReportIsNot() {
        int[] wire = NearDuplicates.signature(WIRE);
        assertThat(NearDuplicates.similarity(wire, NearDuplicates.signature(WIRE))).isEqualTo(1.0);
        assertThat(NearDuplicates.similarity(wire, NearDuplicates.signature(WIRE_EDITED)))
                .isGreaterThanOrEqualTo(NearDuplicates.DEFAULT_THRESHOLD);
        assertThat(NearDuplicates.similarity(wire, NearDuplicates.signature(SAME_EVENT)))
                .isLessThan(0.2);
    }

    @Test
    void caseSpacingAndPunctuationDoNotChangeTheSignature() {
        String shouted = WIRE.toUpperCase().replace(",", " ,").replace(". ", ".\n\n");
        assertThat(NearDuplicates.signature(shouted)).isEqualTo(NearDuplicates.signature(WIRE));
    }

    @Test
    void textsWithoutWordsHaveNoSignature() {
        assertThat(NearDuplicates.signature(null)).isNull();
        assertThat(NearDuplicates.signature(" -- ... ")).isNull();
        assertThat(NearDuplicates.signature("Landslide")).hasSize(NearDuplicates.HASHES);
    }

    /** The estimate follows the true Jaccard similarity of the shingle sets over random texts. */
    @Test
    void similarityEstimatesTheJaccardOfShingles() {
        Random rnd = new Random(3);
        double err = 0;
        int n = 200;
        for (int t = 0; t < n; t++) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                words.add("w" + rnd.nextInt(5000));
            }
            List<String> edited = new ArrayList<>(words);
            int edits = rnd.nextInt(120);
            for (int e = 0; e < edits; e++) {
                edited.set(rnd.nextInt(edited.size()), "x" + rnd.nextInt(5000));
            }
            double truth = jaccard(shingles(words), shingles(edited));
            double est = NearDuplicates.similarity(NearDuplicates.signature(String.join(" ", words)),
                    NearDuplicates.signature(String.join(" ", edited)));
            err += Math.abs(est - truth);
        }
        // 32 minhashes: the standard error is at most 0.09 at any similarity
        assertThat(err / n).isLessThan(0.08);
    }

    private static List<String> shingles(List<String> w) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 <= w.size(); i++) {
            out.add(w.get(i) + " " + w.get(i + 1) + " " + w.get(i + 2));
        }
        return out;
    }

    private static double jaccard(List<String> a, List<String> b) {
        var sa = new java.util.HashSet<>(a);
        var sb = new java.util.HashSet<>(b);
        var inter = new java.util.HashSet<>(sa);
        inter.retainAll(sb);
        var union = new java.util.HashSet<>(sa);
        union.addAll(sb);
        return inter.size() / (double) union.size();
    }
}
