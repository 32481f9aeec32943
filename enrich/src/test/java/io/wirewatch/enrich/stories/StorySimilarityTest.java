package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StorySimilarityTest {

    private final StorySimilarity sim = new StorySimilarity(StoryClusterer.Params.defaults());

    private static StoryState story(Map<String, Double> centroid, Map<String, Integer> entities) {
        return new StoryState("s-1", "h", null, null, null, 0, List.of("a-1"), List.of(), entities, centroid, 1);
    }

    private double score(Map<String, Double> vec, Set<String> ents, StoryState s) {
        return sim.score(vec, TextVectors.norm(vec), ents, s);
    }

    @Test
    void scoreIsTheCosineToTheCentroidWithoutEntities() {
        StoryState s = story(Map.of("quake", 2.0, "coast", 1.0), Map.of());
        Map<String, Double> vec = Map.of("quake", 1.0, "tariff", 1.0);
        assertThat(score(vec, Set.of(), s)).isCloseTo(2 / (Math.sqrt(5) * Math.sqrt(2)), within(1e-9));
        assertThat(score(Map.of("tariff", 1.0), Set.of(), s)).isZero();
    }

    @Test
    void aSharedOrganisationAddsToTheScoreAndASharedPlaceAloneDoesNot() {
        Map<String, Double> vec = Map.of("quake", 1.0);
        StoryState s = story(Map.of("quake", 1.0, "coast", 1.0), Map.of("ORG/red-cross", 2, "LOC/jp", 1));
        double plain = score(vec, Set.of(), s);
        assertThat(score(vec, Set.of("ORG/red-cross", "LOC/jp"), s)).isGreaterThan(plain);
        assertThat(score(vec, Set.of("LOC/jp"), s)).isEqualTo(plain);
        assertThat(score(vec, Set.of("ORG/other"), s)).isEqualTo(plain);
    }

    @Test
    void rareTermsWeighMoreAndRepeatsCountSublinearly() {
        assertThat(sim.weight(1, 2, 1000)).isGreaterThan(sim.weight(1, 500, 1000));
        double once = sim.weight(1, 10, 1000);
        assertThat(sim.weight(3, 10, 1000)).isGreaterThan(once).isLessThan(3 * once);
    }
}
