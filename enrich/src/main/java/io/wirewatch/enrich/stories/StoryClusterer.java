package io.wirewatch.enrich.stories;

import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.model.Story;
import io.wirewatch.common.time.IsoDates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * One-pass story clustering: each article joins the most similar live story or starts a new one.
 * Candidates come from an inverted index of the stories' top terms and organisations (never a
 * scan over all stories); similarity is TF-IDF cosine to the story centroid, blended with shared
 * organisations and jurisdictions; a story stops taking articles once the window has passed since
 * its last dated article. Exact copies and near-copies are marked {@code duplicateOf}.
 */
public final class StoryClusterer {

    /**
     * Tunable parameters; the defaults are what the development sets chose (BENCHMARKS.md).
     * {@code candidates} bounds the live stories decoded and scored per article (those listed under
     * most of its index keys), so that the work per article does not grow with the stored stories.
     */
    public record Params(double threshold, double entityWeight, double nearCopy, long windowMillis,
                         int indexTerms, int postingsPerTerm, int centroidTerms, double titleWeight,
                         double mergeThreshold, int candidates) {
        public Params {
            if (candidates < 1) {
                throw new IllegalArgumentException("story candidates per article must be >= 1, was " + candidates);
            }
        }

        public static Params defaults() {
            return new Params(0.10, 0.10, NearDuplicates.DEFAULT_THRESHOLD, StoryWindow.DEFAULT_MILLIS, 20, 32, 200, 3.0, 0.3,
                    DEFAULT_CANDIDATES);
        }

        public Params withWindowMillis(long window) {
            return new Params(threshold, entityWeight, nearCopy, window, indexTerms, postingsPerTerm, centroidTerms,
                    titleWeight, mergeThreshold, candidates);
        }

        public Params withCandidates(int n) {
            return new Params(threshold, entityWeight, nearCopy, windowMillis, indexTerms, postingsPerTerm, centroidTerms,
                    titleWeight, mergeThreshold, n);
        }
    }

    /** Live stories scored per article by default (BENCHMARKS.md, "Cost per article against stored stories"). */
    public static final int DEFAULT_CANDIDATES = 64;
    /**
     * Only the scored stories whose similarity to the article reached this share of the join threshold
     * are compared centroid to centroid after a join: a fragment of the same event shares its terms.
     * For a story of one article the similarity counts with a size prior of the joined story
     * ({@link StorySimilarity#checkRank}).
     */
    static final double MERGE_CHECK_SHARE = 0.5;
    /**
     * Candidates read, per story scored: in a big store many stories the rarer keys list are past the
     * window (read, not decoded), and without a bound their reads grow with the store.
     */
    static final int LOOKUPS_PER_CANDIDATE = 2;
    /** Stories listed under one key only take at most {@code candidates / ONE_KEY_SHARE} of the scored slots. */
    static final int ONE_KEY_SHARE = 4;

    /**
     * The outcome for one article: its story as it stands now, and the redirects of the stories that
     * story absorbed while taking the article (empty most of the time).
     */
    public record Assignment(String storyId, String duplicateOf, StoryState story, List<Story> redirects) {
        public Assignment(String storyId, String duplicateOf, StoryState story) {
            this(storyId, duplicateOf, story, List.of());
        }
    }

    /**
     * Terms an article's vector keeps, its highest-weighted: a long article shares many ordinary words with
     * every other article on the subject, and with all of them counted their weight buries the few names
     * that tell one event from another. The development set's articles (title and snippet) have at most 38
     * distinct terms, so it is unchanged; on the bench corpus (~900 words per article) this is what keeps
     * 5,000 articles of 2,276 events from collapsing into 20 stories (BENCHMARKS.md, "Long articles").
     */
    static final int ARTICLE_TERMS = 40;
    /**
     * Documents the frequencies must have counted before the vector is cut to {@link #ARTICLE_TERMS}: over a
     * handful of articles the words they all share look common and an article's oddities rare, so the cut would
     * keep the wrong terms (four reports of one event would not find each other).
     */
    static final long ARTICLE_TERMS_AFTER_DOCS = 100;
    private static final String DOCS_KEY = "\u0000docs";
    /**
     * Article ids a story lists at most ({@link StoryState#size()} keeps counting past it). Gold stories
     * of the dev set reach 430 articles in a week and merged ones pass 500; past this a story record
     * would grow by every article it takes, for a list no reader pages through.
     */
    static final int MAX_ARTICLE_IDS = 2000;

    private final StoryStateStore store;
    private final Params p;
    private final StorySimilarity similarity;
    /** Reused from article to article (a clusterer serves one thread). */
    private final CandidateCounter counter = new CandidateCounter();

    public StoryClusterer(StoryStateStore store, Params params) {
        this.store = store;
        this.p = params;
        this.similarity = new StorySimilarity(params);
    }

    public Assignment assign(EnrichedArticle a) {
        return assign(a, StoryFeatures.of(a));
    }

    /** As {@link #assign(EnrichedArticle)}, with the article's features computed beforehand (same result). */
    public Assignment assign(EnrichedArticle a, StoryFeatures f) {
        long eventTime = f.eventTime();
        String hash = f.textHash();
        String exactCopyOf = store.copies().articleWithText(hash);
        NearDuplicates.Probe probe = NearDuplicates.probe(store.copies(), f.signature(), p.nearCopy());
        // an exact or near copy names the earliest article; its original's story is always a candidate
        NearDuplicates.Fingerprint original = exactCopyOf != null ? store.copies().fingerprint(exactCopyOf)
                : probe == null ? null : probe.original();
        String duplicateOf = original != null ? original.originalId() : exactCopyOf;
        StoryState originalStory = original == null ? null : store.story(original.storyId());
        if (originalStory != null && outsideWindow(eventTime, originalStory.lastEventTime())) {
            originalStory = null; // a re-run after the window starts a story of its own (still a copy)
        }

        Map<String, Double> tf = termFrequencies(f, p);
        long docs = store.documentFrequency(DOCS_KEY) + 1;
        Map<String, Double> vec = new HashMap<>();
        // terms no article had before: no story is listed under them, so their posting lists are not read
        Set<String> unseen = null;
        for (var e : tf.entrySet()) {
            long df = store.documentFrequency(e.getKey()) + 1;
            if (df == 1) {
                if (unseen == null) {
                    unseen = new HashSet<>();
                }
                unseen.add(e.getKey());
            }
            store.putDocumentFrequency(e.getKey(), df);
            vec.put(e.getKey(), similarity.weight(e.getValue(), df, docs));
        }
        store.putDocumentFrequency(DOCS_KEY, docs);
        if (vec.size() > ARTICLE_TERMS && docs >= ARTICLE_TERMS_AFTER_DOCS) {
            vec = topMap(vec, ARTICLE_TERMS);
        }
        // unit length, so that the centroid is the plain sum of its members and each counts once
        double norm = TextVectors.norm(vec);
        vec.replaceAll((k, v) -> v / norm);
        double vecNorm = TextVectors.norm(vec);
        TermVector vector = TermVector.of(vec); // scored against every candidate's centroid
        Set<String> ents = entityKeys(a.entities());

        List<String> keys = topTerms(vec, p.indexTerms());
        for (String e : ents) {
            if (e.startsWith("ORG/")) {
                keys.add(e);
            }
        }
        List<Scored> scored = new ArrayList<>();
        StoryState best = null;
        double bestSim = 0;
        int decoded = 0;
        int looked = 0;
        List<PostingList> keyLists = new ArrayList<>(keys.size()); // read once: the index update below reuses them
        for (String k : keys) {
            // a term is counted before any story is listed under it (index keys are counted terms, or ORG/ keys)
            keyLists.add(unseen != null && unseen.contains(k) ? PostingList.EMPTY : store.postings(k));
        }
        CandidateCounter.Candidates candidates = byKeysShared(keys, keyLists, vec, originalStory);
        int decodedSharingMore = 0;
        LongPredicate live = last -> !outsideWindow(eventTime, last);
        for (int i = 0; i < candidates.ids().size(); i++) {
            if (i == candidates.sharingMore()) {
                decodedSharingMore = decoded;
            }
            if (decoded >= p.candidates() || looked++ >= LOOKUPS_PER_CANDIDATE * p.candidates()
                    || (i >= candidates.sharingMore() && decoded - decodedSharingMore >= oneKeyCandidates(p))) {
                break; // the work per article stays bounded however many stories the lists name
            }
            String id = candidates.ids().get(i);
            StoryState s;
            if (originalStory != null && id.equals(originalStory.id())) {
                s = originalStory;
            } else {
                // a candidate past the window is skipped before its story is decoded (its record's header tells)
                s = store.liveStory(id, live);
                if (s == null) {
                    continue;
                }
            }
            decoded++;
            double score = similarity.score(vector, vecNorm, ents, s);
            scored.add(new Scored(s, score)); // gated for the merge check once the joined story is known
            if (!similarity.admits(score, s)) {
                continue;
            }
            double sim = similarity.rank(score, s) * similarity.fade(eventTime, s.lastEventTime());
            if (sim > bestSim) {
                bestSim = sim;
                best = s;
            }
        }

        StoryState story;
        if (best != null && bestSim >= p.threshold()) {
            story = join(best, a, vector, ents, eventTime);
        } else if (originalStory != null) {
            story = join(originalStory, a, vector, ents, eventTime);
        } else {
            story = start(a, vector, ents, eventTime);
        }
        List<Story> redirects = List.of();
        if (best != null && bestSim >= p.threshold()) {
            StoryState other = mergeCandidate(story, scored);
            if (other != null) {
                // the larger story survives (the older one on a tie): its id is the one users already saw most
                StoryState survivor = other.size() >= story.size() ? other : story;
                StoryState gone = survivor == other ? story : other;
                story = absorb(survivor, gone, a);
                store.deleteStory(gone.id());
                keys.addAll(topTerms(story.centroid(), p.indexTerms()));
                redirects = List.of(gone.toRedirect(story.id()));
            }
        }
        if (exactCopyOf == null) {
            store.copies().putArticleWithText(hash, a.id());
        }
        store.putStory(story);
        if (probe != null) {
            NearDuplicates.remember(store.copies(), probe, a.id(), story.id(), duplicateOf != null ? duplicateOf : a.id());
        }
        byte[] sid = story.id().getBytes(StandardCharsets.UTF_8);
        Set<String> updated = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            // the list as read for the candidates, unless this loop has written it since (a key listed twice)
            PostingList current = updated.add(k) && i < keyLists.size() ? keyLists.get(i) : store.postings(k);
            if (!current.isEmpty() && current.isId(0, sid) && current.size() <= p.postingsPerTerm()) {
                continue; // already first: the list would be written back unchanged
            }
            store.putPostings(k, current.withFirst(sid, p.postingsPerTerm()));
        }
        return new Assignment(story.id(), duplicateOf, story, redirects);
    }

    /**
     * The stories the article's index keys list, those listed under most keys first (counting is free:
     * the posting lists are read anyway), after the copied article's story, which always comes first.
     * Among stories listed equally often the first-listed (the most recent under the first key) leads,
     * except that stories listed under one key only come in the order of that key's weight in the
     * article (organisation keys after terms), so that the one-key slots go to the strongest keys.
     * Only the first {@code LOOKUPS_PER_CANDIDATE * candidates + 1} are listed: no more are tried.
     */
    private CandidateCounter.Candidates byKeysShared(List<String> keys, List<PostingList> lists, Map<String, Double> vec,
                                                     StoryState originalStory) {
        double[] weights = new double[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            weights[k] = vec.getOrDefault(keys.get(k), 0.0);
        }
        return counter.order(lists, weights, originalStory == null ? null : originalStory.id(),
                LOOKUPS_PER_CANDIDATE * p.candidates() + 1);
    }

    /** The article's term frequencies: the headline names the event, so its terms count titleWeight times. */
    static Map<String, Double> termFrequencies(StoryFeatures f, Params p) {
        Map<String, Double> tf = new HashMap<>();
        f.titleTerms().forEach((k, v) -> tf.merge(k, p.titleWeight() * v, Double::sum));
        f.textTerms().forEach((k, v) -> tf.merge(k, (double) v, Double::sum));
        return tf;
    }

    /** A live story scored against the article, kept for the merge check after the join. */
    private record Scored(StoryState story, double score) {}

    /**
     * Live stories listed under a single one of the article's keys that are scored, after all those
     * listed under more. In a big store every key's list is full, so an article meets many such stories
     * (most share one ordinary word with it); the ones worth scoring are few, and the most recent under
     * the article's strongest keys come first.
     */
    static int oneKeyCandidates(Params p) {
        return Math.max(1, p.candidates() / ONE_KEY_SHARE);
    }

    /**
     * The live story whose centroid the grown story now resembles most, if that reaches the merge
     * threshold: a big story often starts as two or three fragments before its centroid settles.
     * A story of one article needs only the join threshold, with a small size prior for the other story
     * ({@link StorySimilarity#mergeRank}): its centroid is that article, so it is re-assigned as the article
     * would be now, against the story as it has grown since (an article that came before its story's
     * centroid settled is not left on its own).
     */
    private StoryState mergeCandidate(StoryState story, List<Scored> nearby) {
        StoryState best = null;
        double bestSim = 0;
        for (Scored n : nearby) {
            StoryState s = n.story();
            if (s.id().equals(story.id())
                    || similarity.checkRank(n.score(), story, s) < p.threshold() * MERGE_CHECK_SHARE) {
                continue;
            }
            double cos = TextVectors.cosine(story.centroid(), story.centroidNorm(), s.centroid(), s.centroidNorm());
            double sim = similarity.mergeRank(cos, story, s) * similarity.fade(story.lastEventTime(), s.lastEventTime());
            if (sim >= mergeThreshold(story, s) && (best == null || sim >= bestSim)) {
                bestSim = sim;
                best = s;
            }
        }
        return best;
    }

    /**
     * What two stories' {@linkplain StorySimilarity#mergeRank merge rank} must reach to merge: the join threshold
     * when one is a single article.
     */
    double mergeThreshold(StoryState x, StoryState y) {
        return Math.min(x.size(), y.size()) <= 1 ? p.threshold() : p.mergeThreshold();
    }

    /**
     * The survivor, taking everything of the absorbed story: centroid, entity counts, articles, outlets
     * and dates. The absorbed story becomes a redirect to it on news.stories.v1, so that the live
     * stories still partition the articles and an old story id still leads to its articles.
     */
    private StoryState absorb(StoryState survivor, StoryState gone, EnrichedArticle a) {
        TermVector c = TermVector.of(survivor.centroid()).plus(TermVector.of(gone.centroid()));
        Map<String, Integer> ec = new HashMap<>(survivor.entityCounts());
        gone.entityCounts().forEach((k, v) -> ec.merge(k, v, Integer::sum));
        List<String> ids = new ArrayList<>(survivor.articleIds());
        for (String id : gone.articleIds()) {
            if (ids.size() >= MAX_ARTICLE_IDS) {
                break;
            }
            ids.add(id);
        }
        List<String> outlets = new ArrayList<>(survivor.outlets());
        gone.outlets().stream().filter(o -> !outlets.contains(o)).forEach(outlets::add);
        String anchor = survivor.anchorDate() == null || (gone.anchorDate() != null
                && gone.anchorDate().compareTo(survivor.anchorDate()) < 0) ? gone.anchorDate() : survivor.anchorDate();
        StoryState both = new StoryState(survivor.id(), survivor.headline() != null ? survivor.headline() : gone.headline(),
                earlier(survivor.firstSeen(), gone.firstSeen()), later(survivor.lastSeen(), gone.lastSeen()), anchor,
                Math.max(survivor.lastEventTime(), gone.lastEventTime()), ids, outlets, ec, c,
                survivor.size() + gone.size());
        return withArticle(both, a, both.headline(), both.lastEventTime(), ec, c, both.size());
    }

    private static String earlier(String x, String y) {
        return x == null ? y : y == null || IsoDates.compare(x, y) <= 0 ? x : y;
    }

    private static String later(String x, String y) {
        return x == null ? y : y == null || IsoDates.compare(x, y) >= 0 ? x : y;
    }

    /** A story stops taking articles once the window has passed since its last dated article (either way). */
    private boolean outsideWindow(long eventTime, long storyLastEventTime) {
        return eventTime >= 0 && storyLastEventTime >= 0 && Math.abs(eventTime - storyLastEventTime) > p.windowMillis();
    }

    private StoryState start(EnrichedArticle a, TermVector vec, Set<String> ents, long eventTime) {
        Map<String, Integer> ec = new HashMap<>();
        ents.forEach(e -> ec.put(e, 1));
        String seen = a.published() != null ? a.published() : a.fetched();
        return new StoryState("s-" + a.id(), headline(a), seen, seen, datePart(a.published()), eventTime,
                List.of(a.id()), a.outlet() == null ? List.of() : List.of(a.outlet()), ec, vec.top(p.centroidTerms()),
                1);
    }

    private StoryState join(StoryState s, EnrichedArticle a, TermVector vec, Set<String> ents, long eventTime) {
        TermVector c = TermVector.of(s.centroid()).plus(vec);
        Map<String, Integer> ec = new HashMap<>(s.entityCounts());
        ents.forEach(e -> ec.merge(e, 1, Integer::sum));
        return withArticle(s, a, s.headline() != null ? s.headline() : headline(a),
                Math.max(s.lastEventTime(), eventTime), ec, c, s.size() + 1);
    }

    /** The story with the article listed and its dates widened, over the given centroid and entity counts. */
    private StoryState withArticle(StoryState s, EnrichedArticle a, String headline, long lastEventTime,
                                   Map<String, Integer> ec, TermVector c, int size) {
        List<String> ids = new ArrayList<>(s.articleIds());
        if (!ids.contains(a.id()) && ids.size() < MAX_ARTICLE_IDS) {
            ids.add(a.id());
        }
        List<String> outlets = new ArrayList<>(s.outlets());
        if (a.outlet() != null && !outlets.contains(a.outlet())) {
            outlets.add(a.outlet());
        }
        String seen = a.published() != null ? a.published() : a.fetched();
        String first = IsoDates.compare(seen, s.firstSeen()) < 0 ? seen : s.firstSeen();
        String last = IsoDates.compare(seen, s.lastSeen()) > 0 ? seen : s.lastSeen();
        String anchor = s.anchorDate();
        String pub = datePart(a.published());
        if (pub != null && (anchor == null || pub.compareTo(anchor) < 0)) {
            anchor = pub;
        }
        return new StoryState(s.id(), headline, first, last, anchor, lastEventTime, ids, outlets, ec,
                c.top(p.centroidTerms()), size);
    }

    private static Set<String> entityKeys(List<Entity> entities) {
        Set<String> out = new LinkedHashSet<>();
        if (entities != null) {
            for (Entity e : entities) {
                if (!Entity.PER.equals(e.type())) {
                    out.add(e.type() + "/" + e.id());
                }
            }
        }
        return out;
    }

    /** The keys of {@link #topMap}, in its order (the order the candidates are counted in). */
    private static List<String> topTerms(Map<String, Double> vec, int n) {
        return new ArrayList<>(topMap(vec, n).keySet());
    }

    /** The {@code n} highest-weighted terms (ties by term), in a map of their own. */
    private static Map<String, Double> topMap(Map<String, Double> vec, int n) {
        Map<String, Double> out = new HashMap<>();
        byWeight(vec).limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The entries, highest weight first, ties by term. */
    private static Stream<Map.Entry<String, Double>> byWeight(Map<String, Double> vec) {
        return vec.entrySet().stream().sorted((x, y) -> {
            int c = Double.compare(y.getValue(), x.getValue());
            return c != 0 ? c : x.getKey().compareTo(y.getKey());
        });
    }

    private static String headline(EnrichedArticle a) {
        if (a.title() != null && !a.title().isBlank()) {
            return a.title();
        }
        String t = a.text() == null ? "" : a.text().strip();
        int end = t.indexOf('.');
        return end > 0 && end < 160 ? t.substring(0, end + 1) : t.substring(0, Math.min(t.length(), 120));
    }

    private static String datePart(String iso) {
        var d = IsoDates.toLocalDate(iso);
        return d == null ? null : d.toString();
    }

    /** The text that exact and near copies are found on: the title, then the text. */
    static String hashedText(EnrichedArticle a) {
        return (a.title() == null ? "" : a.title() + "\n") + (a.text() == null ? "" : a.text());
    }

    /**
     * The hash of the text lower-cased, with every run of characters that are neither letters nor numbers
     * (Unicode categories L and N) made one space, and none at either end: copies that differ only in
     * case, punctuation or spacing hash alike. One pass over the code points, no regex.
     */
    static String textHash(String text) {
        byte[] ascii = asciiNormalised(text);
        return ascii != null ? sha256Prefix(ascii) : textHashByCodePoints(text);
    }

    /** {@link #textHash} for any text, one code point at a time. */
    static String textHashByCodePoints(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder norm = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (letterOrNumber(cp)) {
                if (gap && norm.length() > 0) {
                    norm.append(' ');
                }
                gap = false;
                norm.appendCodePoint(cp);
            } else {
                gap = true;
            }
        }
        return sha256Prefix(norm.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What {@link #textHash} hashes, made in one pass when the text is ASCII (most texts): letters and
     * digits are then the only characters of categories L and N, and lower-casing is per character.
     * Null when a character is not ASCII.
     */
    private static byte[] asciiNormalised(String text) {
        byte[] out = new byte[text.length()];
        int n = 0;
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && n > 0) {
                    out[n++] = ' ';
                }
                gap = false;
                out[n++] = (byte) c;
            } else {
                gap = true;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static String sha256Prefix(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the regex classes {@code \p{L}} and {@code \p{N}} match. */
    private static boolean letterOrNumber(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
