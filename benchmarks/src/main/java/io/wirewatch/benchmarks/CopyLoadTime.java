package io.wirewatch.benchmarks;

import io.wirewatch.enrich.stories.NearCopyWindow;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryProcessor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The time of {@link NearCopyWindow}'s load (a task's first article after a restart or restore) over copy stores
 * pre-filled in RocksDB through the story stores' real layers ({@link StoryStoreHarness}): a load with the key counts
 * it stores (one range read of each live generation) against one without them (the generation before counted first,
 * as every load did before the counts were kept), alternating in one JVM after a warm-up of each.
 *
 * <p>{@code CopyLoadTime [ARTICLES] [ROUNDS]}: ARTICLES in the generation before (17 keys each: a text hash and 16
 * band keys), half as many in the current one; default 60000 and 4.
 */
final class CopyLoadTime {

    private static final int BANDS = 16;

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long window = StoryClusterer.Params.defaults().windowMillis();
        long g = 2922 * 7L * 24 * 3600 * 1000 / window;
        long clock = g * window + window / 2;
        Path dir = Files.createTempDirectory("wirewatch-copy-load");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (StoryStoreHarness h = new StoryStoreHarness(dir, Map.of(), StoryClusterer.Params.defaults())) {
            long t0 = System.nanoTime();
            fill(h, g - 1, articles, 1);
            fill(h, g, articles / 2, 2);
            h.raw(StoryProcessor.BANDS_STORE).putAll(Map.of(NearCopyWindow.CLOCK_KEY, Long.toString(clock)));
            System.out.printf(Locale.ROOT, "prefill: %d + %d articles, %d keys, in %.1f s%n", articles, articles / 2,
                    (articles + articles / 2) * (BANDS + 1L), (System.nanoTime() - t0) / 1e9);
            String probe = bandKey(1, 7, 3);
            for (int r = -1; r < rounds; r++) {
                // alternate which goes first, so that neither always finds the caches the other warmed
                boolean countedFirst = r < 0 || r % 2 == 0; // the first load stores the counts
                double[] a = countedFirst ? load(h, window, clock, false, probe, cpu) : null;
                double[] b = load(h, window, clock, true, probe, cpu);
                if (!countedFirst) {
                    a = load(h, window, clock, false, probe, cpu);
                }
                System.out.printf(Locale.ROOT, "%s: without counts %.0f ms wall %.0f ms cpu; with counts %.0f ms wall "
                                + "%.0f ms cpu; cpu ratio %.2f%n", r < 0 ? "warm-up" : "round " + r,
                        a[0], a[1], b[0], b[1], b[1] / a[1]);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes {@code n} articles' text hashes and band keys under generation {@code gen}, in batches. */
    private static void fill(StoryStoreHarness h, long gen, int n, int seed) {
        var texts = h.<String>raw(StoryProcessor.TEXT_STORE);
        var bands = h.<String>raw(StoryProcessor.BANDS_STORE);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, String> t = new HashMap<>();
        Map<String, String> b = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "%016x", random.nextLong());
            t.put(NearCopyWindow.key(gen, String.format(Locale.ROOT, "%016x", random.nextLong())), id);
            for (int k = 0; k < BANDS; k++) {
                b.put(NearCopyWindow.key(gen, bandKey(seed, i, k)), id);
            }
            if (b.size() >= 200_000) {
                texts.putAll(t);
                bands.putAll(b);
                t.clear();
                b.clear();
            }
        }
        texts.putAll(t);
        bands.putAll(b);
    }

    private static String bandKey(int seed, int article, int band) {
        return band + ":" + Integer.toHexString(seed * 1_000_003 + article * 31 + band);
    }

    /** One load by a new window (as after a restart), with or without the stored counts: {wall ms, thread CPU ms}. */
    private static double[] load(StoryStoreHarness h, long window, long clock, boolean withCounts, String probe,
                                 ThreadMXBean cpu) {
        var bands = h.<String>store(StoryProcessor.BANDS_STORE);
        if (withCounts) {
            if (bands.get(NearCopyWindow.KEYS_KEY) == null) {
                throw new IllegalStateException("no key counts stored: the load without them should have stored them");
            }
        } else {
            bands.delete(NearCopyWindow.KEYS_KEY); // as a store written before the counts were kept
        }
        h.commit();
        NearCopyWindow w = new NearCopyWindow(h.store(StoryProcessor.TEXT_STORE), bands,
                h.store(StoryProcessor.FINGERPRINTS_STORE), window);
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        w.advance(clock);
        double[] r = {(System.nanoTime() - t0) / 1e6, (cpu.getCurrentThreadCpuTime() - c0) / 1e6};
        if (w.nearCopyBand(probe) == null) {
            throw new IllegalStateException("a stored band key is not found after the load");
        }
        h.commit();
        return r;
    }
}
