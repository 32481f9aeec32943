package io.wirewatch.app.bench;

import io.wirewatch.app.bench.HopBreakdown.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The latency breakdown of `bench latency`: first sightings per point, hops that add up to the total. */
class HopBreakdownTest {

    private static final long MS = 1_000_000L;

    /** An article sent at {@code sent} ms and seen at each later point after the given gaps (ms). */
    private static void pass(HopBreakdown h, String id, long sent, long... gaps) {
        h.sent(id, sent * MS);
        long t = sent;
        Point[] points = Point.values();
        for (int i = 0; i < gaps.length; i++) {
            t += gaps[i];
            h.seen(id, points[i + 1], t * MS);
        }
    }

    @Test
    void hopsOfEachArticleAddUpToItsTotal() {
        HopBreakdown h = new HopBreakdown();
        pass(h, "a", 1_000, 10, 100, 200, 300, 400);
        pass(h, "b", 2_000, 30, 120, 220, 320, 410);

        assertThat(h.totals()).containsExactly(1_010 * MS, 1_100 * MS);
        List<String> lines = h.lines();
        assertThat(lines.get(0)).contains("the 2 of 2 articles");
        assertThat(lines.get(1)).contains("sent -> news.raw.v1 acked").contains("mean_ms=20 ").contains("max_ms=30 ");
        assertThat(lines.get(2)).contains("news.raw.v1 acked -> story-assignment repartition").contains("mean_ms=110 ");
        assertThat(lines.get(5)).contains("by-organization repartition -> org.status.v1").contains("mean_ms=405 ")
                .contains("(38%)");
        assertThat(lines.get(6)).contains("total").contains("mean_ms=1055 ").contains("(100%)")
                .contains("p50_ms=1010 ").contains("max_ms=1100 ");
    }

    @Test
    void onlyTheFirstSightingCountsAndUntrackedArticlesAreIgnored() {
        HopBreakdown h = new HopBreakdown();
        assertThat(h.tracking()).isFalse();
        pass(h, "a", 0, 5, 50, 50, 50, 50);
        h.seen("a", Point.STATUS, 9_999 * MS); // the same article as evidence in a later table
        h.seen("warm-up article", Point.STATUS, 1 * MS);
        h.seen(null, Point.BY_ORG, 1 * MS); // a story-date event carries no article id
        assertThat(h.tracking()).isTrue();
        assertThat(h.totals()).containsExactly(205 * MS);
    }

    @Test
    void articlesMissedAtAPointCountInTheTotalsButNotInTheHops() {
        HopBreakdown h = new HopBreakdown();
        pass(h, "complete", 0, 1, 2, 3, 4, 5);
        h.sent("no ack seen", 0);
        h.seen("no ack seen", Point.STATUS, 700 * MS);
        h.sent("no claim", 0); // never reaches a table
        h.seen("no claim", Point.ENRICHED, 10 * MS);

        assertThat(h.totals()).containsExactly(15 * MS, 700 * MS);
        assertThat(h.lines().get(0)).contains("the 1 of 2 articles");
        assertThat(h.lines().get(6)).contains("mean_ms=15 ");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> ms = java.util.stream.LongStream.rangeClosed(1, 200).mapToObj(v -> v * MS).toList();
        assertThat(HopBreakdown.pct(ms, 0.50)).isEqualTo(100);
        assertThat(HopBreakdown.pct(ms, 0.99)).isEqualTo(198);
        assertThat(HopBreakdown.pct(List.of(), 0.99)).isZero();
        assertThat(HopBreakdown.pct(List.of(7 * MS), 0.99)).isEqualTo(7);
    }
}
