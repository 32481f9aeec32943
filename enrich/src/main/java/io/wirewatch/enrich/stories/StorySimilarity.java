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

    /**
     * Per article of a story, what its rank among the candidates gains: {@code SIZE_PRIOR × ln(size)}. A cosine
     * to a centroid of many articles runs lower than one to a single article that happens to share a phrase, so
     * without it a stray pair held follow-ups of a big story (BENCHMARKS.md, "Quality variants").
     */
    static final double SIZE_PRIOR = 0.02;
    /**
     * A story of at least {@link #COHESION_MIN_SIZE} articles takes an article only at a cosine of at least this
     * share of its cohesion: a tight story does not drift into a second subject on its general words.
     */
    static final double COHESION_SHARE = 0.3;
    static final int COHESION_MIN_SIZE = 3;
    /**
     * Per article of the larger story, what a single-article story's re-assignment to it gains:
     * {@code REASSIGN_PRIOR × ln(size)}, a quarter of the join's {@link #SIZE_PRIOR}. The cosine of a stray's
     * centroid (its one article) to a grown story runs low for the same reason as a join's; the full prior, with
     * no cohesion guard here, would pull unrelated strays into the biggest stories (BENCHMARKS.md, "Quality
     * variants", wt-storyq6).
     */
    static final double REASSIGN_PRIOR = SIZE_PRIOR / 4;

    /**
     * Per article of the joined story, what a single-article story's similarity to the article gains when it is
     * decided whether the two stories are compared at all after the join: {@code CHECK_PRIOR × ln(size)} (see
     * {@link #checkRank}). A stray of a big story often shares little with the one article that now joins the
     * story (0.03–0.05 against the 0.05 needed), while its centroid would pass the re-assignment; a small story
     * (a handful of articles on a general subject) still needs the article's evidence (BENCHMARKS.md, "Quality
     * variants", wt-storyq7).
     */
    static final double CHECK_PRIOR = 0.0075;

    /**
     * How long a story pulls at full strength after its last article: dates are often days only, and outlets
     * in other time zones report the same day's event on what reads as the next day.
     */
    static final long FULL_PULL_MILLIS = 24L * 3600 * 1000;
    /**
     * Past {@link #FULL_PULL_MILLIS}, a quiet story's pull halves every {@code window / HALF_LIVES_PER_WINDOW}:
     * every day under the default week (a report three days after the story's last one needs four times the
     * similarity); a deployment that keeps stories longer lets their pull fade more slowly.
     */
    static final int HALF_LIVES_PER_WINDOW = 7;

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
        boolean sharedOrg = false;
        for (String e : ents) {
            if (storyEnts.contains(e)) {
                shared++;
                sharedOrg |= e.startsWith("ORG/");
            }
        }
        double jaccard = shared / (double) (ents.size() + storyEnts.size() - shared);
        // shared organisations and jurisdictions are extra evidence; their absence is not evidence against
        return cos + p.entityWeight() * (sharedOrg ? jaccard : 0);
    }

    /**
     * The story's cohesion: the mean cosine of its members to its centroid, which for a sum of unit vectors
     * is the centroid's norm over the number of articles (no member vectors needed).
     */
    public static double cohesion(StoryState s) {
        return s.size() <= 0 ? 1 : s.centroidNorm() / s.size();
    }

    /** Whether an article at {@code score} may join the story at all (the cohesion guard). */
    public boolean admits(double score, StoryState s) {
        return s.size() < COHESION_MIN_SIZE || score >= COHESION_SHARE * cohesion(s);
    }

    /**
     * What candidates are ranked by, and what must reach the join threshold: the score plus the size prior.
     * Only for a story the article is {@linkplain #admits admitted} to.
     */
    public double rank(double score, StoryState s) {
        return score + sizePrior(SIZE_PRIOR, s.size());
    }

    /**
     * What the similarity {@code score} of the article to {@code other}, a story scored for it, counts when
     * it is decided whether {@code other} is compared with {@code joined} (the story the article just joined)
     * for a merge: the score itself, plus {@link #CHECK_PRIOR} × ln(size of the joined story) when {@code other}
     * is a single article.
     */
    public double checkRank(double score, StoryState joined, StoryState other) {
        if (other.size() > 1) {
            return score;
        }
        return score + sizePrior(CHECK_PRIOR, joined.size());
    }

    /**
     * What the centroid cosine {@code cos} of two stories counts for a merge: the cosine itself, plus
     * {@link #REASSIGN_PRIOR} × ln(size of the larger) when the smaller is a single article (its re-assignment).
     */
    public double mergeRank(double cos, StoryState x, StoryState y) {
        if (Math.min(x.size(), y.size()) > 1) {
            return cos;
        }
        return cos + sizePrior(REASSIGN_PRIOR, Math.max(x.size(), y.size()));
    }

    /**
     * What a story's pull on an article at {@code eventTime} is worth, from its last article's {@code lastEventTime}:
     * 1 within {@link #FULL_PULL_MILLIS}, then halving every window / {@link #HALF_LIVES_PER_WINDOW} (a day under the
     * default week). Names alone (an organisation in both headlines, three times in the weights) reach the join
     * threshold, so without it a second event on one organisation days later joined the first one's story; reports of
     * one event come mostly within a day or two of each other, and a story kept alive by them does not fade. The
     * window stays the hard edge; unknown dates do not fade.
     */
    public double fade(long eventTime, long lastEventTime) {
        if (eventTime < 0 || lastEventTime < 0) {
            return 1;
        }
        long quiet = Math.abs(eventTime - lastEventTime) - FULL_PULL_MILLIS;
        if (quiet <= 0) {
            return 1;
        }
        double halfLife = p.windowMillis() / (double) HALF_LIVES_PER_WINDOW;
        return halfLife <= 0 ? 0 : Math.pow(0.5, quiet / halfLife);
    }

    /** {@code perLn × ln(size)}: what a story's size adds to a score (nothing for a single article). */
    private static double sizePrior(double perLn, int size) {
        return perLn * Math.log(Math.max(1, size));
    }
}
