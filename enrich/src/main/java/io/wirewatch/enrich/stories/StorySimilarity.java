package io.wirewatch.enrich.stories;

import java.util.Map;
import java.util.Set;

/**
 * How much an article resembles a story, and how an article's terms are weighted for that: TF-IDF
 * cosine of the article's unit vector to the story centroid, plus a bonus for shared organisations
 * and jurisdictions. Kept apart from {@link StoryClusterer} (which finds the candidates and keeps the
 * state) so that the scoring can be tuned on its own; what was tried here is in BENCHMARKS.md.
 */
public final class StorySimilarity {

    private final StoryClusterer.Params p;

    public StorySimilarity(StoryClusterer.Params params) {
        this.p = params;
    }

    /**
     * Weight of a term counted {@code tf} times in the article (headline terms count
     * {@link StoryClusterer.Params#titleWeight()} times), {@code df} of {@code docs} documents seen so far having it.
     */
    public double weight(double tf, long df, long docs) {
        double idf = Math.log((docs + 1.0) / df) + 1.0;
        return (1 + Math.log(tf)) * idf;
    }

    /**
     * The article ({@code vec}: unit term weights of norm {@code vecNorm}, {@code ents}: entity keys) against one
     * story, whose centroid norm is stored with it.
     */
    public double score(Map<String, Double> vec, double vecNorm, Set<String> ents, StoryState s) {
        double cos = TextVectors.cosine(vec, vecNorm, s.centroid(), s.centroidNorm());
        Set<String> storyEnts = s.entityCounts().keySet();
        if (ents.isEmpty() || storyEnts.isEmpty()) {
            return cos;
        }
        int shared = 0;
        for (String e : ents) {
            if (storyEnts.contains(e)) {
                shared++;
            }
        }
        double jaccard = shared / (double) (ents.size() + storyEnts.size() - shared);
        boolean sharedOrg = ents.stream().anyMatch(e -> e.startsWith("ORG/") && storyEnts.contains(e));
        // shared organisations and jurisdictions are extra evidence; their absence is not evidence against
        return cos + p.entityWeight() * (sharedOrg ? jaccard : 0);
    }
}
