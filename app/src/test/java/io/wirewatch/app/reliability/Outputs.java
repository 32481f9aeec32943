package io.wirewatch.app.reliability;

import io.wirewatch.app.pipeline.Results;
import io.wirewatch.app.pipeline.StoryTable;
import io.wirewatch.common.Topics;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.serde.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The committed outputs of a run, in a form two runs can be compared by: every enriched article by
 * id without its story fields (enrichment proper), the story fields separately (the final table's
 * story, as the run files give it), the live stories as sets of article ids, the status tables as
 * JSON, how many committed records each article id has, and the story id each article was given when
 * it was processed (news.enriched.v1) with the redirects that absorbed stories left.
 */
record Outputs(Map<String, String> enrichedById, Map<String, String> storyFieldsById, List<String> storyGroups,
               Map<String, String> statusById, Map<String, Integer> enrichedCountsById,
               Map<String, List<String>> storyArticles, Map<String, String> recordedStoryIds,
               StoryTable storyTable) {

    static Outputs read(String bootstrap) {
        Results r = Results.read(bootstrap);
        Map<String, String> enriched = new TreeMap<>();
        Map<String, String> storyFields = new TreeMap<>();
        for (EnrichedArticle a : r.articles()) {
            enriched.put(a.id(), Json.write(a.withStory(null, null)));
            storyFields.put(a.id(), a.storyId() + "/" + a.duplicateOf());
        }
        TreeSet<String> groups = new TreeSet<>();
        Map<String, List<String>> storyArticles = new TreeMap<>();
        for (Story s : r.stories()) {
            groups.add(String.join(",", new TreeSet<>(s.articleIds())));
            storyArticles.put(s.id(), s.articleIds());
        }
        Map<String, String> status = new TreeMap<>();
        r.organizations().forEach(o -> status.put(o.id(), Json.write(o)));
        Map<String, String> recorded = new TreeMap<>();
        for (var rec : KafkaIO.readAll(bootstrap, Topics.ENRICHED)) {
            if (rec.value() != null) {
                recorded.put(rec.key(), Json.read(rec.value(), EnrichedArticle.class).storyId());
            }
        }
        List<Story> table = new ArrayList<>(r.stories());
        r.redirects().forEach((gone, survivor) -> table.add(Story.redirect(gone, null, survivor)));
        return new Outputs(enriched, storyFields, new ArrayList<>(groups), status,
                KafkaIO.countsByKey(bootstrap, Topics.ENRICHED), storyArticles, recorded, new StoryTable(table));
    }

    /**
     * Problems with the stories as a whole: an article in no live story or in several, an article whose
     * storyId names a story that does not list it, or whose recorded story id (news.enriched.v1) does
     * not lead through the redirects to that story. Empty when the live stories partition the articles.
     */
    List<String> storyProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        storyArticles.values().forEach(ids -> ids.forEach(id -> seen.merge(id, 1, Integer::sum)));
        for (String id : enrichedById.keySet()) {
            if (seen.getOrDefault(id, 0) != 1) {
                problems.add(id + " is in " + seen.getOrDefault(id, 0) + " stories");
            }
            String storyId = storyFieldsById.get(id).split("/")[0];
            List<String> members = storyArticles.get(storyId);
            if (members == null || !members.contains(id)) {
                problems.add(id + " names story " + storyId + ", which does not list it");
            }
            String recorded = recordedStoryIds.get(id);
            if (!storyId.equals(storyTable.resolve(recorded))) {
                problems.add(id + " was given story " + recorded + ", which leads to " + storyTable.resolve(recorded)
                        + ", not to " + storyId);
            }
        }
        seen.keySet().stream().filter(id -> !enrichedById.containsKey(id)).forEach(id -> problems.add(id + " is in a story but not enriched"));
        return problems;
    }

    /** Article ids with other than exactly one committed enriched record. */
    Map<String, Integer> notExactlyOnce(List<String> expectedIds) {
        Map<String, Integer> bad = new TreeMap<>();
        for (String id : expectedIds) {
            int n = enrichedCountsById.getOrDefault(id, 0);
            if (n != 1) {
                bad.put(id, n);
            }
        }
        enrichedCountsById.keySet().stream().filter(k -> !expectedIds.contains(k)).forEach(k -> bad.put(k, -1));
        return bad;
    }

    int claims() {
        return enrichedById.values().stream().mapToInt(j -> {
            EnrichedArticle a = Json.read(j, EnrichedArticle.class);
            return a.claims() == null ? 0 : a.claims().size();
        }).sum();
    }

    int statusRows() {
        return statusById.values().stream().mapToInt(j -> Json.read(j, io.wirewatch.common.model.OrgStatus.class)
                .jurisdictions().size()).sum();
    }
}
