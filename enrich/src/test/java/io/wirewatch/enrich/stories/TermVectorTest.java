package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Term vectors in sorted arrays ({@link TermVector}): the same map, and the same dot product, as a HashMap's. */
class TermVectorTest {

    /** Terms whose String hash codes collide ("Aa" and "BB" hash alike, and so do their concatenations). */
    private static final List<String> COLLIDING = List.of("AaAa", "BBBB", "AaBB", "BBAa", "Aa", "BB");

    private static Map<String, Double> randomVector(Random r, List<String> vocabulary, int terms) {
        Map<String, Double> m = new HashMap<>();
        while (m.size() < terms) {
            m.put(vocabulary.get(r.nextInt(vocabulary.size())), r.nextDouble() * 3 - 1);
        }
        return m;
    }

    /**
     * {@code rounds} pairs of random vectors (up to {@code maxA} and {@code maxB} terms) over the colliding terms
     * and {@code words} more.
     */
    private static List<List<Map<String, Double>>> pairs(long seed, int rounds, int words, int maxA, int maxB) {
        Random r = new Random(seed);
        List<String> vocabulary = new ArrayList<>(COLLIDING);
        for (int i = 0; i < words; i++) {
            vocabulary.add("term" + i);
        }
        List<List<Map<String, Double>>> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Map<String, Double> a = randomVector(r, vocabulary, 1 + r.nextInt(maxA));
            out.add(List.of(a, randomVector(r, vocabulary, 1 + r.nextInt(maxB))));
        }
        return out;
    }

    private static double hashMapDot(Map<String, Double> a, Map<String, Double> b) {
        return a.entrySet().stream().filter(e -> b.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() * b.get(e.getKey())).sum();
    }

    @Test
    void isTheSameMapAsTheOneItWasMadeFrom() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("sanctions", 0.5);
        m.put("AaAa", 0.25);
        m.put("BBBB", -0.125);
        m.put("zürich", 2.0);
        TermVector v = TermVector.of(m);
        assertThat(v).isEqualTo(m).hasSameHashCodeAs(m);
        assertThat(m).isEqualTo(v);
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.get("BBBB")).isEqualTo(-0.125);
        assertThat(v.weight("AaAa")).isEqualTo(0.25);
        assertThat(v.get("AaBB")).isNull(); // same hash as two held terms, not held
        assertThat(v.weight("missing")).isZero();
        assertThat(v.containsKey("zürich")).isTrue();
        assertThat(v.containsKey(42)).isFalse();
        assertThat(new HashMap<>(v)).isEqualTo(m);
        Map<String, Double> seen = new HashMap<>();
        v.forEach(seen::put);
        assertThat(seen).isEqualTo(m);
        assertThat(TermVector.of(v)).isSameAs(v);
        assertThat(TermVector.of(Map.of())).isSameAs(TermVector.EMPTY).isEmpty();
        assertThatThrownBy(() -> v.put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dotProductAndNormMatchTheMapOnesOverRandomVectorsWithCollidingHashes() {
        for (List<Map<String, Double>> pair : pairs(17, 500, 300, 40, 200)) {
            Map<String, Double> a = pair.get(0);
            Map<String, Double> b = pair.get(1);
            TermVector va = TermVector.of(a);
            TermVector vb = TermVector.of(b);
            double expected = hashMapDot(a, b);
            assertThat(va.dot(vb)).isCloseTo(expected, within(1e-9));
            assertThat(vb.dot(va)).isCloseTo(expected, within(1e-9));
            assertThat(TextVectors.dot(va, vb)).isCloseTo(expected, within(1e-9));
            assertThat(va.norm()).isCloseTo(TextVectors.norm(a), within(1e-9));
        }
        TermVector all = TermVector.of(randomVector(new Random(17), COLLIDING, COLLIDING.size()));
        double squares = 0;
        for (double w : all.values()) {
            squares += w * w;
        }
        assertThat(all.dot(all)).isCloseTo(squares, within(1e-12)); // every colliding term meets only itself
    }

    @Test
    void orderDoesNotDependOnTheInputsAndATermGivenTwiceKeepsItsLaterWeight() {
        String[] terms = {"BBBB", "x", "AaAa", "AaBB", "x"};
        double[] weights = {1, 2, 3, 4, 5};
        TermVector v = TermVector.of(terms.clone(), weights.clone(), 5);
        assertThat(v).hasSize(4).containsEntry("x", 5.0).containsEntry("AaAa", 3.0);
        String[] reversed = {"x", "AaBB", "AaAa", "BBBB"};
        double[] reversedWeights = {5, 4, 3, 1};
        TermVector w = TermVector.of(reversed, reversedWeights, 4);
        assertThat(new ArrayList<>(w.keySet())).isEqualTo(new ArrayList<>(v.keySet()));
        // a vector's own order (what the story store writes) is read back as it is
        String[] inOrder = v.keySet().toArray(String[]::new);
        double[] inOrderWeights = v.values().stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(TermVector.of(inOrder, inOrderWeights, 4)).isEqualTo(v);
        assertThat(TermVector.of(new String[] {"a", "b"}, new double[] {1, 2}, 1)).isEqualTo(Map.of("a", 1.0));
    }
    /** What the clusterer did with maps: the highest weights first, ties by term, the first {@code n}. */
    private static Map<String, Double> mapTop(Map<String, Double> m, int n) {
        Map<String, Double> out = new HashMap<>();
        m.entrySet().stream().sorted((x, y) -> {
            int c = Double.compare(y.getValue(), x.getValue());
            return c != 0 ? c : x.getKey().compareTo(y.getKey());
        }).limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Test
    void sumAndTopTermsAreTheMapOnesWithTiesByTerm() {
        List<List<Map<String, Double>>> pairs = pairs(23, 300, 400, 220, 40);
        for (int round = 0; round < pairs.size(); round++) {
            Map<String, Double> a = pairs.get(round).get(0);
            Map<String, Double> b = pairs.get(round).get(1);
            if (round % 3 == 0) {
                a.replaceAll((k, v) -> (double) Math.round(v * 2)); // many equal weights: ties decide
                b.replaceAll((k, v) -> (double) Math.round(v * 2));
            }
            Map<String, Double> sum = new HashMap<>(a);
            b.forEach((k, v) -> sum.merge(k, v, Double::sum));
            TermVector plus = TermVector.of(a).plus(TermVector.of(b));
            assertThat(plus).isEqualTo(sum);
            assertThat(plus).isEqualTo(TermVector.of(sum));
            assertThat(new ArrayList<>(plus.keySet())).isEqualTo(new ArrayList<>(TermVector.of(sum).keySet()));
            for (int n : new int[] {1, 7, 40, 200, 1000}) {
                TermVector top = plus.top(n);
                assertThat(top).isEqualTo(mapTop(sum, n));
                assertThat(new ArrayList<>(top.keySet())).isEqualTo(new ArrayList<>(TermVector.of(top).keySet()));
            }
        }
        TermVector v = TermVector.of(Map.of("a", 1.0));
        assertThat(v.top(5)).isSameAs(v);
        assertThat(v.top(0)).isEmpty();
        assertThat(TermVector.EMPTY.plus(v)).isEqualTo(v);
        assertThat(v.termAt(0)).isEqualTo("a");
        assertThat(v.weightAt(0)).isEqualTo(1.0);
    }
}
