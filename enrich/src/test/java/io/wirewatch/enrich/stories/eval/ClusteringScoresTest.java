package io.wirewatch.enrich.stories.eval;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClusteringScoresTest {

    private static final Map<String, String> GOLD = Map.of("a", "x", "b", "x", "c", "x", "d", "y", "e", "y");

    @Test
    void identicalPartitionsScoreOne() {
        var s = ClusteringScores.of(Map.of("a", "1", "b", "1", "c", "1", "d", "2", "e", "2"), GOLD);
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.f1()).isEqualTo(1.0);
        assertThat(s.nmi()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void oneClusterForAllHasFullRecallAndNoInformation() {
        var s = ClusteringScores.of(Map.of("a", "1", "b", "1", "c", "1", "d", "1", "e", "1"), GOLD);
        assertThat(s.recall()).isEqualTo(1.0);
        // precision: 3 articles see 3/5, 2 see 2/5 -> (9/5 + 4/5) / 5 = 13/25
        assertThat(s.precision()).isCloseTo(13 / 25.0, within(1e-12));
        assertThat(s.nmi()).isZero();
    }

    @Test
    void splittingAStoryCostsRecallNotPrecision() {
        var s = ClusteringScores.of(Map.of("a", "1", "b", "1", "c", "3", "d", "2", "e", "2"), GOLD);
        assertThat(s.precision()).isEqualTo(1.0);
        // a, b see 2/3; c sees 1/3; d, e see 1 -> (4/3 + 1/3 + 2) / 5 = 11/15
        assertThat(s.recall()).isCloseTo(11 / 15.0, within(1e-12));
        assertThat(s.f1()).isCloseTo(2 * (11 / 15.0) / (1 + 11 / 15.0), within(1e-12));
        // H(G) = -(3/5 ln 3/5 + 2/5 ln 2/5); H(C) adds the split; I = H(G) since C refines G
        double hg = -(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4));
        double hc = -(0.4 * Math.log(0.4) + 0.2 * Math.log(0.2) + 0.4 * Math.log(0.4));
        assertThat(s.nmi()).isCloseTo(hg / Math.sqrt(hg * hc), within(1e-12));
    }

    @Test
    void unlabelledArticlesAreLeftOut() {
        var s = ClusteringScores.of(Map.of("a", "1", "b", "1", "zz", "1"), GOLD);
        assertThat(s.items()).isEqualTo(2);
        assertThat(s.precision()).isEqualTo(1.0);
    }
}
