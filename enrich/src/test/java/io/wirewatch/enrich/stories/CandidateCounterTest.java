package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The candidate order of {@link CandidateCounter} against the plain map-and-sort it replaced. */
class CandidateCounterTest {

    /** The order before: a linked hash map of counts, every entry sorted. */
    private static CandidateCounter.Candidates reference(List<List<String>> lists, double[] weights, String first) {
        Map<String, double[]> hits = new LinkedHashMap<>();
        for (int k = 0; k < lists.size(); k++) {
            double w = weights[k];
            for (String id : lists.get(k)) {
                hits.computeIfAbsent(id, x -> new double[] {0, w})[0]++;
            }
        }
        if (first != null) {
            hits.put(first, new double[] {Integer.MAX_VALUE, 0});
        }
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(hits.entrySet());
        sorted.sort((x, y) -> {
            double[] hx = x.getValue();
            double[] hy = y.getValue();
            int c = Double.compare(hy[0], hx[0]);
            return c != 0 || hx[0] > 1 ? c : Double.compare(hy[1], hx[1]);
        });
        List<String> order = new ArrayList<>();
        int more = 0;
        for (Map.Entry<String, double[]> e : sorted) {
            order.add(e.getKey());
            if (e.getValue()[0] > 1) {
                more++;
            }
        }
        return new CandidateCounter.Candidates(order, more);
    }

    @Test
    void ordersAsTheMapAndSortDidOverRandomListsAndKeepsItsArraysClean() {
        CandidateCounter counter = new CandidateCounter();
        Random rnd = new Random(3);
        for (int round = 0; round < 2000; round++) {
            int keys = 1 + rnd.nextInt(24);
            int pool = 1 + rnd.nextInt(round % 2 == 0 ? 40 : 2000); // few ids: many shared; many: mostly one key
            List<List<String>> lists = new ArrayList<>();
            double[] weights = new double[keys];
            for (int k = 0; k < keys; k++) {
                List<String> l = new ArrayList<>();
                int n = rnd.nextInt(33);
                for (int i = 0; i < n; i++) {
                    String id = rnd.nextInt(8) == 0 ? "s-é" + rnd.nextInt(pool) : "s-" + rnd.nextInt(pool); // some not ASCII
                    if (!l.contains(id)) {
                        l.add(id);
                    }
                }
                lists.add(l);
                weights[k] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextInt(6) / 10.0; // ties on purpose
            }
            String first = rnd.nextBoolean() ? null : "s-" + rnd.nextInt(pool + 5);
            CandidateCounter.Candidates want = reference(lists, weights, first);
            int limit = rnd.nextBoolean() ? Integer.MAX_VALUE : 1 + rnd.nextInt(40);
            CandidateCounter.Candidates got = counter.order(encoded(lists), weights, first, limit);
            assertThat(got.sharingMore()).as("round %d", round).isEqualTo(want.sharingMore());
            assertThat(got.ids()).as("round %d", round)
                    .isEqualTo(want.ids().subList(0, Math.min(limit, want.ids().size())));
        }
    }

    @Test
    void theCopysStoryComesFirstAndIdsUnderMoreKeysBeforeIdsUnderOne() {
        CandidateCounter counter = new CandidateCounter();
        List<List<String>> lists = List.of(List.of("a", "b", "c"), List.of("d", "b"), List.of("e", "b", "c"));
        CandidateCounter.Candidates c = counter.order(encoded(lists), new double[] {0.1, 0.5, 0.3}, "z", 100);
        // z the copy's story; b under 3 keys, c under 2; then one-key ids by key weight: d (0.5), e (0.3), a (0.1)
        assertThat(c.ids()).containsExactly("z", "b", "c", "d", "e", "a");
        assertThat(c.sharingMore()).isEqualTo(3);
        assertThat(counter.order(encoded(lists), new double[] {0.1, 0.5, 0.3}, null, 3).ids()).containsExactly("b", "c", "d");
    }

    private static List<PostingList> encoded(List<List<String>> lists) {
        return lists.stream().map(PostingList::of).toList();
    }
}
