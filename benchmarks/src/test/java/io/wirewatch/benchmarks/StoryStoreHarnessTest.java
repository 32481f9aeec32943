package io.wirewatch.benchmarks;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.enrich.stories.StoryClusterer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StoryStoreHarnessTest {

    @TempDir
    Path dir;

    @Test
    void preFilledStoriesAreReadBackFromTheStoresByANewProcessor() {
        StoryScale bench = new StoryScale(1728);
        StoryScale.Prefilled pre;
        try (StoryStoreHarness h = new StoryStoreHarness(dir, Map.of(), StoryScale.prefillParams())) {
            pre = bench.prefill(h, 300);
        }
        assertThat(pre.ownStories()).as("every pre-fill article is a new event").isEqualTo(300);

        // reopened: the processor's in-memory caches are empty, so the stories can only come from RocksDB
        List<EnrichedArticle> batch = bench.batch(300, 40);
        Set<String> newEventStories = new HashSet<>();
        try (StoryStoreHarness h = new StoryStoreHarness(dir, Map.of(), StoryClusterer.Params.defaults())) {
            for (int j = 0; j < batch.size(); j++) {
                String story = h.process(batch.get(j));
                if (j % 2 == 0) {
                    assertThat(pre.joinedFollowedStory(batch.get(j), story)).as(batch.get(j).id()).isTrue();
                } else {
                    newEventStories.add(story);
                }
            }
        }
        assertThat(newEventStories).as("new events do not all land in one story").hasSizeGreaterThan(10);
    }

    @Test
    void aRestartedProcessorOverTheSameStoresFindsThePreFilledStories() {
        StoryScale bench = new StoryScale(1728);
        try (StoryStoreHarness h = new StoryStoreHarness(dir, Map.of(), StoryScale.prefillParams())) {
            StoryScale.Prefilled pre = bench.prefill(h, 50);
            h.restartProcessor(StoryClusterer.Params.defaults());
            EnrichedArticle followUp = bench.batch(50, 1).get(0);
            assertThat(pre.joinedFollowedStory(followUp, h.process(followUp))).isTrue();
        }
    }
}
