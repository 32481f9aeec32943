package io.wirewatch.enrich.stories;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The copy-detection state (exact-copy text hashes, near-copy band keys, fingerprints) kept for a window of
 * event time instead of all history, with an in-heap Bloom filter in front of the look-ups that nearly always
 * miss.
 *
 * <p>Time is cut in generations of one window ({@code floor(t / window)}, of the latest event time seen: the
 * clock, stored under {@link #CLOCK_KEY} in the band store). Every key is written under its generation,
 * {@code <generation>/<key>} ({@link #key}), and only the current generation and the one before are read, so
 * an entry is found for one to two windows after it was last written or hit: a hit in the generation before is
 * copied into the current one, so an original that keeps being copied stays known. Each of the two live
 * generations has a Bloom filter of its text hashes and band keys, so that an article's ~17 look-ups, nearly all
 * misses, reach RocksDB only on a filter hit (1% false positives) instead of probing every sorted run of a store
 * that held every article ever seen. The filters are rebuilt from the two live generations' keys on first use
 * (after a restart or a restore: restoration runs after {@code init}), one range read of each generation, bounded
 * by the window, not by history, into filters sized from the key counts stored beside the clock
 * ({@link #KEYS_KEY}); a filter that fills past its size is rebuilt twice as big. Keys of older generations are
 * never read again, and {@link #sweep} deletes them a bounded number at a time, so the stores hold one to two
 * windows of copies on disk too.
 */
public final class NearCopyWindow implements CopyStore {

    /** The clock (latest event time seen, decimal millis) in the band store; sorts before every generation. */
    public static final String CLOCK_KEY = "\u0001clock";
    /**
     * The live generations' key counts in the band store, what a load sizes their filters from so that it reads each
     * generation once: {@code "<window ms> <generation> <its keys> <keys of the one before>"}, texts and bands
     * together. Also sorts before every generation (never swept); a store without it (written before it was kept)
     * is counted first, as it was.
     */
    public static final String KEYS_KEY = "\u0001keys";
    /**
     * Keys the current generation may gain before its count is stored again: the stored count is never more than
     * this below the keys stored, so a load adds it (a put per ~60 articles, which the band store's write-back layer
     * writes at most once a commit).
     */
    static final int COUNT_SLACK = 1024;
    /** Keys a generation's filter is first sized for, at least. */
    static final int MIN_FILTER_KEYS = 1 << 16;
    private static final double FALSE_POSITIVES = 0.01;

    private final KeyValueStore<String, String> texts;
    private final KeyValueStore<String, String> bands;
    private final KeyValueStore<String, NearDuplicates.Fingerprint> prints;
    private final long window;

    private boolean loaded;
    /** Latest event time seen; {@code Long.MIN_VALUE} before any. */
    private long clock = Long.MIN_VALUE;
    private Generation current;
    private Generation previous;
    /** The current generation's key count as last stored under {@link #KEYS_KEY}. */
    private long storedKeys;
    /**
     * Per store (texts, bands, fingerprints), the key the next {@link #sweep} starts at: each seek lands after the
     * deletes before it instead of stepping over their tombstones again. Reset by a load, so a restart resumes.
     */
    private final String[] sweepFrom = new String[3];
    /** The generation below which every store was swept empty (nothing to do until the clock moves on). */
    private long sweptBelow = Long.MIN_VALUE;
    /** Whether no key of a generation after the current one is left (reset by a load: see {@link #sweep}). */
    private boolean sweptAbove;
    /** Sorts after every generation's keys (fixed-width lower-case hex, then '/'). */
    private static final String ABOVE_EVERY_GENERATION = "\uffff";

    /** One generation's keys as the filter knows them. */
    private static final class Generation {
        final long number;
        final String prefix;
        final long capacity;
        BloomFilter<CharSequence> filter;
        long keys;

        Generation(long number, long capacity) {
            this.number = number;
            this.prefix = prefix(number);
            this.capacity = Math.max(MIN_FILTER_KEYS, capacity);
            this.filter = BloomFilter.create(Funnels.unencodedCharsFunnel(), this.capacity, FALSE_POSITIVES);
        }

        boolean mightContain(String filterKey) {
            return keys > 0 && filter.mightContain(filterKey);
        }
    }

    public NearCopyWindow(KeyValueStore<String, String> texts, KeyValueStore<String, String> bands,
                          KeyValueStore<String, NearDuplicates.Fingerprint> prints, long windowMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("near-copy window must be > 0 ms, was " + windowMillis);
        }
        this.texts = texts;
        this.bands = bands;
        this.prints = prints;
        this.window = windowMillis;
    }

    /** The generation of event time {@code t} for a window (negative times: generation 0). */
    public static long generation(long t, long windowMillis) {
        return t < 0 ? 0 : t / windowMillis;
    }

    /** The stored key of {@code key} in generation {@code g}: fixed-width hex, so generations sort in order. */
    public static String key(long generation, String key) {
        return prefix(generation) + key;
    }

    private static String prefix(long generation) {
        return String.format(Locale.ROOT, "%012x/", generation);
    }

    /**
     * Before an article: its event time moves the clock forward (an unknown time, or one more than a window
     * ahead of the wall clock, does not), which starts a new generation when it crosses a window.
     */
    public void advance(long eventTime) {
        boolean valid = eventTime >= 0 && eventTime <= System.currentTimeMillis() + window;
        if (!loaded) {
            load(valid ? eventTime : Long.MIN_VALUE);
        }
        if (valid && eventTime > clock) {
            clock = eventTime;
            bands.put(CLOCK_KEY, Long.toString(clock));
            long g = generation(clock, window);
            if (g != current.number) {
                // a jump of more than one window leaves no generation before: nothing was written in it
                previous = g == current.number + 1 ? current : new Generation(g - 1, 0);
                current = new Generation(g, Math.max(previous.keys, current.keys) * 3 / 2);
                storeCounts();
            }
        }
    }

    public String articleWithText(String hash) {
        return find(texts, "t", hash);
    }

    public void putArticleWithText(String hash, String articleId) {
        put(texts, "t", hash, articleId);
    }

    public String nearCopyBand(String bandKey) {
        return find(bands, "b", bandKey);
    }

    public void putNearCopyBand(String bandKey, String articleId) {
        put(bands, "b", bandKey, articleId);
    }

    /** Looked up only for an article a text hash or band named (no filter): the current generation, then the one before. */
    public NearDuplicates.Fingerprint fingerprint(String articleId) {
        ensureLoaded();
        NearDuplicates.Fingerprint f = prints.get(current.prefix + articleId);
        if (f == null && (f = prints.get(previous.prefix + articleId)) != null) {
            prints.put(current.prefix + articleId, f);
        }
        return f;
    }

    public void putFingerprint(String articleId, NearDuplicates.Fingerprint f) {
        ensureLoaded();
        prints.put(current.prefix + articleId, f);
    }

    /**
     * Deletes at most {@code maxKeys} keys of generations before the two live ones (they are never read again) and
     * returns how many it deleted; 0 once none is left. The processor calls it on a wall-clock punctuation, so the
     * keys of a window that falls out go a slice at a time instead of in one stall at the switch.
     */
    public int sweep(int maxKeys) {
        if (!loaded) {
            return 0; // the first article loads the window (its time picks the generations)
        }
        if (!sweptAbove) {
            // generations after the current one exist only if the window was made longer since they were
            // written (the same time falls in a lower generation now): never read again either
            int deleted = sweepRange(prefix(current.number + 1), ABOVE_EVERY_GENERATION, null, maxKeys);
            if (deleted > 0) {
                return deleted;
            }
            sweptAbove = true;
        }
        long below = previous.number;
        if (below <= 0 || sweptBelow >= below) {
            return 0;
        }
        int deleted = sweepRange(prefix(0), prefix(below), sweepFrom, maxKeys); // the clock key sorts before generation 0
        if (deleted == 0) {
            sweptBelow = below;
        }
        return deleted;
    }

    /**
     * Deletes at most {@code maxKeys} keys from {@code start} (inclusive) to {@code end} (exclusive) across the three
     * stores; with {@code resume}, each store's range starts where its last slice ended.
     */
    private int sweepRange(String start, String end, String[] resume, int maxKeys) {
        List<KeyValueStore<String, ?>> stores = List.of(texts, bands, prints);
        int deleted = 0;
        for (int s = 0; s < stores.size() && deleted < maxKeys; s++) {
            KeyValueStore<String, ?> store = stores.get(s);
            List<String> dead = new ArrayList<>();
            String from = resume != null && resume[s] != null ? resume[s] : start;
            try (KeyValueIterator<String, ?> it = store.range(from, end)) {
                while (it.hasNext() && dead.size() < maxKeys - deleted) {
                    String k = it.next().key;
                    if (k.compareTo(end) < 0) { // the range's upper end is inclusive
                        dead.add(k);
                    }
                }
            }
            dead.forEach(store::delete);
            deleted += dead.size();
            if (resume != null && !dead.isEmpty()) {
                resume[s] = dead.get(dead.size() - 1) + '\u0000';
            }
        }
        return deleted;
    }

    /** The generation keys are written under now (for tests and the benchmarks). */
    long currentGeneration() {
        ensureLoaded();
        return current.number;
    }

    private String find(KeyValueStore<String, String> store, String tag, String key) {
        ensureLoaded();
        String filterKey = tag + key;
        if (current.mightContain(filterKey)) {
            String v = store.get(current.prefix + key);
            if (v != null) {
                return v;
            }
        }
        if (previous.mightContain(filterKey)) {
            String v = store.get(previous.prefix + key);
            if (v != null) {
                put(store, tag, key, v); // still copied: kept for another window
                return v;
            }
        }
        return null;
    }

    private void put(KeyValueStore<String, String> store, String tag, String key, String value) {
        ensureLoaded();
        store.put(current.prefix + key, value);
        current.filter.put(tag + key);
        if (++current.keys > 2 * current.capacity) {
            current = rebuilt(current.number, current.keys * 2); // past its size the filter's hits climb fast
        }
        if (current.keys - storedKeys >= COUNT_SLACK) {
            storeCounts();
        }
    }

    /** Stores the live generations' key counts ({@link #KEYS_KEY}). */
    private void storeCounts() {
        bands.put(KEYS_KEY, window + " " + current.number + " " + current.keys + " " + previous.keys);
        storedKeys = current.keys;
    }

    /**
     * Upper bounds of the keys stored in generations {@code g - 1} and {@code g}, from {@link #KEYS_KEY}; null when
     * it is missing, unreadable or of another window (whose generations cut time elsewhere), or ahead of {@code g}.
     */
    private long[] storedCounts(long g) {
        String v = bands.get(KEYS_KEY);
        if (v == null) {
            return null;
        }
        String[] f = v.split(" ");
        try {
            if (f.length != 4 || Long.parseLong(f[0]) != window) {
                return null;
            }
            long sg = Long.parseLong(f[1]);
            long keys = Long.parseLong(f[2]);
            long before = Long.parseLong(f[3]);
            if (sg == g) {
                return new long[] {before + COUNT_SLACK, keys + COUNT_SLACK};
            }
            if (sg == g - 1) { // the first article opens the next generation: nothing is stored in it yet
                return new long[] {keys + COUNT_SLACK, 0};
            }
            return sg < g ? new long[] {0, 0} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void ensureLoaded() {
        if (!loaded) {
            load(Long.MIN_VALUE);
        }
    }

    /**
     * The clock from the store, and both live generations' filters from their keys: those of the stored clock, or
     * of the first article's time when it is later (or nothing is stored). With {@link #KEYS_KEY} each generation
     * is read once; without it (a store written before it was kept, or under another window) the generation before
     * is counted first, and the counts are stored for the next load.
     */
    private void load(long eventTime) {
        loaded = true;
        Arrays.fill(sweepFrom, null);
        sweptBelow = Long.MIN_VALUE;
        sweptAbove = false;
        String stored = bands.get(CLOCK_KEY);
        clock = stored == null ? Long.MIN_VALUE : Long.parseLong(stored);
        long g = generation(Math.max(clock, eventTime), window);
        long[] counts = storedCounts(g);
        long previousKeys = g == 0 ? 0 : counts != null ? counts[0] : count(g - 1);
        previous = g == 0 ? new Generation(-1, 0) : rebuilt(g - 1, previousKeys);
        if (previous.keys > previous.capacity) { // a count below the keys stored: sized again, as without one
            previous = rebuilt(g - 1, previous.keys);
        }
        long capacity = previous.keys * 3 / 2;
        if (counts != null && counts[1] > capacity) {
            capacity = counts[1] * 2; // what a load without the count ends with: room to grow past the keys it holds
        }
        current = rebuilt(g, capacity);
        if (current.keys > current.capacity) {
            current = rebuilt(g, current.keys * 2);
        }
        storeCounts();
    }

    /** A generation's filter sized for {@code capacity} keys, holding the keys its generation has stored. */
    private Generation rebuilt(long number, long capacity) {
        Generation gen = new Generation(number, capacity);
        if (number >= 0) {
            scan(texts, "t", gen);
            scan(bands, "b", gen);
        }
        return gen;
    }

    private long count(long generation) {
        if (generation < 0) {
            return 0;
        }
        long n = 0;
        for (KeyValueStore<String, String> s : List.of(texts, bands)) {
            try (KeyValueIterator<String, String> it = s.range(prefix(generation), prefix(generation + 1))) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
        }
        return n;
    }

    private static void scan(KeyValueStore<String, String> store, String tag, Generation gen) {
        int cut = gen.prefix.length();
        try (KeyValueIterator<String, String> it = store.range(gen.prefix, prefix(gen.number + 1))) {
            while (it.hasNext()) {
                String k = it.next().key;
                if (k.startsWith(gen.prefix)) { // the range's upper end is inclusive: never a stored key, but checked
                    gen.filter.put(tag + k.substring(cut));
                    gen.keys++;
                }
            }
        }
    }
}
