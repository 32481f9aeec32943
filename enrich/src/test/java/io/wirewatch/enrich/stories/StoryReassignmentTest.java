package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-assignment of single-article stories: once a story has grown, a story of one article that it now
 * reaches at the join threshold is absorbed (the article would join it now); larger fragments still need
 * the merge threshold, and an article sharing only general words stays on its own.
 */
class StoryReassignmentTest {

    private final MapStoryStateStore store = new MapStoryStateStore();
    private final StoryClusterer clusterer = new StoryClusterer(store, StoryClusterer.Params.defaults());
    private final List<String> absorbed = new ArrayList<>();

    private StoryClusterer.Assignment assign(String id, String title, String text) {
        String day = "2026-03-02T10:00:00Z";
        StoryClusterer.Assignment as = clusterer.assign(new EnrichedArticle(id, "https://example.test/" + id, null,
                "outlet.test", title, null, day, day, "en", text, List.of(), null, null, List.of()));
        as.redirects().stream().map(Story::id).forEach(absorbed::add);
        return as;
    }

    /** Background stories on other subjects, so that document frequencies look like a stream's. */
    private void background() {
        String[] subjects = {"budget vote parliament deficit", "football final penalty shootout",
            "vaccine trial results hospital", "wildfire evacuation forest wind", "election polls candidate debate",
            "airline strike pilots cancelled"};
        for (int i = 0; i < subjects.length; i++) {
            assign("bg" + i, subjects[i], subjects[i] + " report city official");
        }
    }

    /** Starts the story and the short article on its side subject; returns {story id, the article's story id}. */
    private String[] storyAndFollowUp() {
        background();
        String story = assign("s1", "Crane collapse at Rotterdam harbour",
                "crane collapse rotterdam harbour container terminal inquiry").storyId();
        String early = assign("x", "Dockers union demands safety checks", "dockers union safety inspectors cranes")
                .storyId();
        assertThat(early).as("too little in common with the story yet").isNotEqualTo(story);
        return new String[] {story, early};
    }

    @Test
    void aShortFollowUpThatStartedAloneIsAbsorbedOnceTheStoryGrowsTowardsIt() {
        String[] ids = storyAndFollowUp();
        for (int i = 0; i < 4; i++) {
            // the story's centroid moves towards the union's side (cosine to the article about 0.2: under the
            // merge threshold, over the join threshold)
            assign("g" + i, "Rotterdam crane collapse: union calls for inspectors",
                    "crane collapse rotterdam harbour terminal union inspectors");
        }
        assertThat(absorbed).as("the single-article story is absorbed").contains(ids[1]);
        assertThat(store.stories.get(ids[0]).articleIds()).contains("x");
        assertThat(store.stories).doesNotContainKey(ids[1]);
    }

    @Test
    void aSingleArticleSharingOneWordWithTheGrownStoryStaysOnItsOwn() {
        String[] ids = storyAndFollowUp();
        for (int i = 0; i < 4; i++) {
            assign("g" + i, "Rotterdam crane collapse inquiry widens",
                    "crane collapse rotterdam harbour terminal inquiry union");
        }
        assertThat(absorbed).doesNotContain(ids[1]);
        assertThat(store.stories.get(ids[1]).articleIds()).containsExactly("x");
    }

    @Test
    void aFragmentOfTwoNeedsTheMergeThreshold() {
        StoryState grown = new StoryState("s-big", "h", null, null, null, 0, List.of("a", "b", "c"), List.of(),
                java.util.Map.of(), java.util.Map.of("crane", 1.0), 3);
        StoryState single = new StoryState("s-one", "h", null, null, null, 0, List.of("x"), List.of(),
                java.util.Map.of(), java.util.Map.of("crane", 1.0), 1);
        StoryState pair = new StoryState("s-two", "h", null, null, null, 0, List.of("x", "y"), List.of(),
                java.util.Map.of(), java.util.Map.of("crane", 1.0), 2);
        StoryClusterer.Params p = StoryClusterer.Params.defaults();
        assertThat(clusterer.mergeThreshold(grown, single)).isEqualTo(p.threshold());
        assertThat(clusterer.mergeThreshold(single, grown)).isEqualTo(p.threshold());
        assertThat(clusterer.mergeThreshold(grown, pair)).isEqualTo(p.mergeThreshold());
    }

    /**
     * A big story and a stray of one article on its side subject, put in the store as a stream would have left
     * them (no event time known): the stray's cosine to the story is just under the join threshold, so only the re-assignment's size
     * prior (0.005 × ln 60 ≈ 0.02) takes it, once an article joins the big story and also scores the stray.
     */
    private StoryState[] bigStoryAndStray(int straySize) {
        for (String t : List.of("crane", "harbour", "rotterdam", "union", "inspectors", "dockers")) {
            store.df.put(t, 50L);
        }
        store.df.put("\u0000docs", 1000L);
        Map<String, Double> bigCentroid = Map.of("crane", 40.0, "harbour", 30.0, "rotterdam", 30.0, "union", 6.0,
                "inspectors", 3.0);
        Map<String, Double> strayCentroid = new HashMap<>();
        Map.of("union", 0.6, "inspectors", 0.6, "dockers", 0.53).forEach((k, v) -> strayCentroid.put(k, v * straySize));
        List<String> bigIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bigIds.add("b" + i);
        }
        List<String> strayIds = new ArrayList<>();
        for (int i = 0; i < straySize; i++) {
            strayIds.add("x" + i);
        }
        StoryState big = new StoryState("s-b0", "Crane collapse at Rotterdam harbour", null, null, null, -1, bigIds,
                List.of(), Map.of(), bigCentroid, 60);
        StoryState stray = new StoryState("s-x0", "Dockers union demands inspectors", null, null, null, -1, strayIds,
                List.of(), Map.of(), strayCentroid, straySize);
        store.putStory(big);
        store.putStory(stray);
        for (String t : List.of("crane", "harbour", "rotterdam")) {
            store.postings.put(t, PostingList.of(List.of(big.id())));
        }
        store.postings.put("union", PostingList.of(List.of(stray.id(), big.id())));
        store.postings.put("inspectors", PostingList.of(List.of(stray.id(), big.id())));
        return new StoryState[] {big, stray};
    }

    @Test
    void aStrayJustUnderTheJoinThresholdIsReassignedToABigStory() {
        StoryState[] s = bigStoryAndStray(1);
        double cos = TextVectors.cosine(s[0].centroid(), s[1].centroid());
        assertThat(cos).as("the plain cosine does not reach the join threshold").isBetween(0.08,
                StoryClusterer.Params.defaults().threshold());
        String joined = assign("f", "Rotterdam harbour crane: union inspectors",
                "crane harbour rotterdam union inspectors").storyId();
        assertThat(joined).isEqualTo(s[0].id());
        assertThat(absorbed).containsExactly(s[1].id());
        assertThat(store.stories.get(s[0].id()).articleIds()).contains("x0", "f");
    }

    @Test
    void aStrayPairAtTheSameCosineStaysApart() {
        StoryState[] s = bigStoryAndStray(2);
        String joined = assign("f", "Rotterdam harbour crane: union inspectors",
                "crane harbour rotterdam union inspectors").storyId();
        assertThat(joined).isEqualTo(s[0].id());
        assertThat(absorbed).isEmpty();
        assertThat(store.stories).containsKey(s[1].id());
    }

    /** Stories of one, two and 60 articles on one term, for the priors' arithmetic. */
    private final StoryState one = sized(1);
    private final StoryState pair = sized(2);
    private final StoryState big = sized(60);
    private final StorySimilarity sim = new StorySimilarity(StoryClusterer.Params.defaults());

    private static StoryState sized(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Math.min(n, 2); i++) {
            ids.add("x" + i);
        }
        return new StoryState("s-" + n, "h", null, null, null, 0, ids, List.of(), Map.of(),
                Map.of("crane", (double) n), n);
    }

    @Test
    void theReassignmentPriorGrowsWithTheLargerStoryOnly() {
        assertThat(sim.mergeRank(0.09, one, big)).isCloseTo(0.09 + 0.005 * Math.log(60), Offset.offset(1e-12));
        assertThat(sim.mergeRank(0.09, big, one)).isEqualTo(sim.mergeRank(0.09, one, big));
        assertThat(sim.mergeRank(0.09, one, one)).isEqualTo(0.09);
        assertThat(sim.mergeRank(0.09, pair, big)).as("only a single article is re-assigned").isEqualTo(0.09);
    }

    /**
     * An article that joins the big story but shares only one word with the stray (its similarity to the stray
     * is under half the join threshold): the stray is still compared with the big story after the join, since
     * the gate counts {@link StorySimilarity#CHECK_PRIOR} × ln(size of the joined story) for a one-article story.
     */
    @Test
    void aStrayTheJoiningArticleBarelyResemblesIsStillReassignedToABigStory() {
        StoryState[] s = bigStoryAndStray(1);
        store.df.put("union", 500L); // the shared word is a common one
        StoryClusterer.Params p = StoryClusterer.Params.defaults();
        String title = "Rotterdam harbour crane collapse inquiry";
        String text = "crane collapse harbour rotterdam terminal inquiry container berth quay operator ship union";
        double toStray = scoreAgainst(title, text, s[1]);
        assertThat(toStray).as("under the plain gate, over the gate with the prior")
                .isBetween(p.threshold() * 0.5 - 0.0075 * Math.log(61), p.threshold() * 0.5);
        String joined = assign("f", title, text).storyId();
        assertThat(joined).isEqualTo(s[0].id());
        assertThat(absorbed).containsExactly(s[1].id());
    }

    /** The article's score against a story, as the clusterer computes it (document frequencies of the store). */
    private double scoreAgainst(String title, String text, StoryState story) {
        StoryFeatures f = StoryFeatures.of(new EnrichedArticle("probe", "https://example.test/probe", null,
                "outlet.test", title, null, null, null, "en", text, List.of(), null, null, List.of()));
        StoryClusterer.Params p = StoryClusterer.Params.defaults();
        StorySimilarity sim = new StorySimilarity(p);
        Map<String, Double> tf = StoryClusterer.termFrequencies(f, p);
        long docs = store.df.getOrDefault("\u0000docs", 0L) + 1;
        Map<String, Double> vec = new HashMap<>();
        tf.forEach((k, v) -> vec.put(k, sim.weight(v, store.df.getOrDefault(k, 0L) + 1, docs)));
        double norm = TextVectors.norm(vec);
        vec.replaceAll((k, v) -> v / norm);
        return sim.score(vec, 1.0, Set.of(), story);
    }

    @Test
    void theCheckPriorCountsForOneArticleStoriesAndGrowsWithTheJoinedStory() {
        assertThat(sim.checkRank(0.03, big, one)).isCloseTo(0.03 + 0.0075 * Math.log(60), Offset.offset(1e-12));
        assertThat(sim.checkRank(0.03, pair, one)).as("a small joined story gains little")
                .isLessThan(StoryClusterer.Params.defaults().threshold() * 0.5);
        assertThat(sim.checkRank(0.03, big, pair)).as("fragments of two need the article's evidence").isEqualTo(0.03);
    }
}
