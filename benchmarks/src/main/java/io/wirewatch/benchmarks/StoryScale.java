package io.wirewatch.benchmarks;

import io.wirewatch.common.kafka.BoundedRocksDbConfig;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.model.Entity;
import io.wirewatch.common.serde.SmileSerde;
import io.wirewatch.enrich.stories.NearDuplicates;
import io.wirewatch.enrich.stories.StoryClusterer;
import io.wirewatch.enrich.stories.StoryProcessor;
import io.wirewatch.enrich.stories.StoryState;
import io.wirewatch.enrich.stories.StoryStateSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Story clustering cost per article against the number of stored stories (issue 7: cost at 1M
 * stored stories ≤ 1.3× the cost at 10k). For each size it pre-fills the real RocksDB-backed story
 * stores through the real {@code StoryProcessor} ({@link StoryStoreHarness}: no per-record commit,
 * a commit every {@value #COMMIT_EVERY} articles), one new story per article, one article every
 * STEP ms of publish time (default 1728: 1M stories span 20 days, so most are past the 7-day window).
 * Then it restarts the processor with the default parameters and times one fixed batch at every
 * size, side by side: the batch is cut in chunks and the sizes take turns chunk by chunk (in
 * alternating order), so that the machine's load falls on all sizes alike. Batch articles are half
 * follow-ups of one of the 2,000 latest stories, half new events, an organisation on half of them;
 * the same random draws at every size.
 *
 * <pre>java -Xmx512m -cp benchmarks/target/benchmarks.jar io.wirewatch.benchmarks.StoryScale [SIZES] [BATCH] [STEP_MS]</pre>
 * SIZES is a comma list (default 10000b,1000000b); a size written {@code 10000b} is pre-filled in bulk
 * ({@link BulkPrefill}: the same articles and the same store contents, written in one batch per store and chunk), one
 * written {@code 10000} through the processor with window 0, and one written {@code 10000d} through the
 * processor with the default window (checks of the fast pre-fills). BATCH is the timed articles
 * (default 5000). The last line is {@code story-scale ... ratio=X}: wall-clock cost per article at the
 * last size over the first ({@code cpu_ratio} the same in thread CPU time, {@code process_cpu_ratio} in the whole
 * process's CPU time over each size's turns: RocksDB's flush and compaction threads, GC and JIT included). {@code -Dcompare=true}
 * compares every store of two pre-fills of one size, key by key; {@code -Dstory.serde=smile} keeps
 * stories in the old Smile encoding and {@code -Dstory.cache=N} and {@code -Dpostings.cache=N} set the story and posting-list
 * caches' entries (all for before/after runs); {@code -Dprefill.cache=DIR} saves each pre-fill under DIR and reuses it.
 */
public final class StoryScale {

    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long DEFAULT_STEP_MS = 1728;
    /** Articles per commit: under exactly-once Streams commits every 100 ms, some tens of articles here. */
    static final int COMMIT_EVERY = 32;
    private static final int CHUNK = 250;
    /** Batch articles processed before timing starts, so that the restarted processor's caches are warm ({@code -Dwarmup=N}). */
    private static final int WARM_UP = Integer.getInteger("warmup", 500);
    private static final int RECENT = 2000;
    private static final int POOL = 20_000;
    private static final int ORGS = Integer.getInteger("orgs", 5000);
    /** Words of a timed article; pre-fill articles are shorter (fewer terms to count), see {@link #prefill}. */
    private static final int TEXT_WORDS = 120;
    private static final int PREFILL_WORDS = Integer.getInteger("prefill.words", 40);
    /** Articles per write batch of the bulk pre-fill. */
    private static final int BULK_CHUNK = Integer.getInteger("bulk.chunk", 20_000);
    /**
     * {@code -Dprefill.cache=DIR}: each size's pre-filled stores are saved under DIR (per size label and
     * publish step) and copied from there by later runs, so that builds are compared on the same stores
     * without pre-filling again. The stores' encodings must not differ between the builds compared.
     */
    private static final String PREFILL_CACHE = System.getProperty("prefill.cache");

    private final double[] zipf = new double[POOL];
    private final long stepMs;

    StoryScale(long stepMs) {
        this.stepMs = stepMs;
        double sum = 0;
        for (int i = 0; i < POOL; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        for (int i = 0; i < POOL; i++) {
            zipf[i] /= sum;
        }
    }

    public static void main(String[] args) throws Exception {
        String[] sizeArgs = (args.length > 0 ? args[0] : "10000b,1000000b").split(",");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        long step = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_STEP_MS;
        int[] sizes = new int[sizeArgs.length];
        String[] labels = new String[sizeArgs.length];
        for (int i = 0; i < sizes.length; i++) {
            labels[i] = sizeArgs[i].trim();
            sizes[i] = Integer.parseInt(labels[i].replaceAll("[db]$", ""));
        }
        new StoryScale(step).run(sizes, labels, batch);
    }

    /** A size written {@code Nd} is pre-filled with the default window, to check the window-0 pre-fill against. */
    private void run(int[] sizes, String[] labels, int batch) throws IOException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // the whole process: RocksDB's compaction and flush threads, GC and JIT too, over each size's turns
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // every size's stores share one RocksDB budget in this JVM: give each the one a service has
        Map<String, Object> rocks = Map.of(
                BoundedRocksDbConfig.TOTAL_BYTES_CONFIG, sizes.length * BoundedRocksDbConfig.DEFAULT_TOTAL_BYTES,
                BoundedRocksDbConfig.MEMTABLE_BYTES_CONFIG, sizes.length * BoundedRocksDbConfig.DEFAULT_MEMTABLE_BYTES);
        List<Path> dirs = new ArrayList<>();
        List<StoryStoreHarness> stores = new ArrayList<>();
        List<Prefilled> prefilled = new ArrayList<>();
        try {
            for (int s = 0; s < sizes.length; s++) {
                Path dir = Files.createTempDirectory("wirewatch-story-scale-" + sizes[s]);
                dirs.add(dir);
                StoryClusterer.Params fillParams = labels[s].endsWith("d") ? StoryClusterer.Params.defaults() : prefillParams();
                long t0 = System.nanoTime();
                Path saved = PREFILL_CACHE == null ? null : Path.of(PREFILL_CACHE, labels[s] + "-" + stepMs);
                Prefilled pre = saved == null ? null : Prefilled.load(saved);
                StoryStoreHarness h;
                if (pre != null) {
                    copy(saved.resolve("state"), dir);
                    h = new StoryStoreHarness(dir, rocks, fillParams);
                    System.out.printf("prefill of %s copied from %s%n", labels[s], saved);
                } else {
                    h = new StoryStoreHarness(dir, rocks, fillParams);
                    pre = labels[s].endsWith("b") ? bulkPrefill(h, sizes[s]) : prefill(h, sizes[s]);
                    if (saved != null) {
                        h.close(); // the files then hold everything; reopened over the same directory below
                        copy(dir, saved.resolve("state"));
                        pre.save(saved);
                        h = new StoryStoreHarness(dir, rocks, fillParams);
                    }
                }
                stores.add(h);
                prefilled.add(pre);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("prefilled articles=%s own_stories=%d in %.0f s (%.0f articles/s) sst_bytes=%d "
                                + "live_in_window=%d%n", labels[s], pre.ownStories(), secs, sizes[s] / secs, h.diskBytes(),
                        Math.min(sizes[s], 7L * 24 * 3600 * 1000 / stepMs));
            }
            List<List<EnrichedArticle>> timed = new ArrayList<>();
            int[] joined = new int[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                timed.add(batch(sizes[s], WARM_UP + batch));
                stores.get(s).restartProcessor(StoryClusterer.Params.defaults());
                for (int j = 0; j < WARM_UP; j++) {
                    long w0 = System.nanoTime();
                    process(stores.get(s), prefilled.get(s), timed.get(s), j, joined, s);
                    if (j == 0) { // after a restart: what the processor reads once (the near-copy filters)
                        System.out.printf("first_article_after_restart stored_stories=%s ms=%.0f%n", labels[s],
                                (System.nanoTime() - w0) / 1e6);
                    }
                }
                joined[s] = 0;
            }
            long[] wall = new long[sizes.length];
            long[] thread = new long[sizes.length];
            long[] process = new long[sizes.length];
            long[][] lookups0 = new long[sizes.length][];
            long[][] postings0 = new long[sizes.length][];
            for (int s = 0; s < sizes.length; s++) {
                lookups0[s] = stores.get(s).storyCacheLookups();
                postings0[s] = stores.get(s).cacheLookups(StoryProcessor.POSTINGS_STORE);
            }
            for (int from = WARM_UP, c = 0; from < WARM_UP + batch; from += CHUNK, c++) {
                int to = Math.min(WARM_UP + batch, from + CHUNK);
                for (int k = 0; k < sizes.length; k++) {
                    int s = c % 2 == 0 ? k : sizes.length - 1 - k;
                    StoryStoreHarness h = stores.get(s);
                    long w0 = System.nanoTime();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long p0 = os.getProcessCpuTime();
                    for (int j = from; j < to; j++) {
                        process(h, prefilled.get(s), timed.get(s), j, joined, s);
                    }
                    thread[s] += cpu.getCurrentThreadCpuTime() - c0;
                    process[s] += os.getProcessCpuTime() - p0;
                    wall[s] += System.nanoTime() - w0;
                }
            }
            System.gc();
            long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(m -> m.getType() == MemoryType.HEAP).mapToLong(m -> m.getUsage().getUsed()).sum();
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(m -> m.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
                    .mapToLong(u -> u.getUsed()).sum();
            double[] hitRate = new double[sizes.length];
            // per timed article: story reads, of them misses (a RocksDB read each, and a decode unless past the window),
            // posting-list reads, of them misses
            double[][] perArticle = new double[sizes.length][4];
            for (int s = 0; s < sizes.length; s++) {
                long[] l = stores.get(s).storyCacheLookups();
                long hits = l[0] - lookups0[s][0];
                long n = hits + l[1] - lookups0[s][1];
                hitRate[s] = n == 0 ? Double.NaN : hits / (double) n;
                perArticle[s][0] = n / (double) batch;
                perArticle[s][1] = (l[1] - lookups0[s][1]) / (double) batch;
                long[] q = stores.get(s).cacheLookups(StoryProcessor.POSTINGS_STORE);
                perArticle[s][2] = (q[0] - postings0[s][0] + q[1] - postings0[s][1]) / (double) batch;
                perArticle[s][3] = (q[1] - postings0[s][1]) / (double) batch;
            }
            for (int s = 0; s < sizes.length; s++) {
                decodeCost(stores.get(s), prefilled.get(s), labels[s]);
            }
            if (Boolean.getBoolean("compare")) {
                for (int s = 1; s < sizes.length; s++) {
                    if (sizes[s] == sizes[0]) {
                        compare(stores.get(0), stores.get(s), labels[0], labels[s]);
                    }
                }
            }
            if (Boolean.getBoolean("sweep")) {
                // what the processor's wall-clock punctuation does after a window falls out, run to the end
                for (int s = 0; s < sizes.length; s++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    long keys = 0;
                    for (int n; (n = stores.get(s).sweepCopies()) > 0; ) {
                        keys += n;
                    }
                    stores.get(s).commit();
                    long c = cpu.getCurrentThreadCpuTime() - c0;
                    System.out.printf("sweep stored_stories=%s keys=%d cpu_s=%.1f wall_s=%.1f cpu_us_per_key=%.2f%n",
                            labels[s], keys, c / 1e9, (System.nanoTime() - w0) / 1e9, keys == 0 ? 0 : c / 1e3 / keys);
                }
            }
            long[] disk = new long[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                stores.get(s).close(); // writes the memtables out, so that the files hold everything
                disk[s] = stores.get(s).diskBytes();
            }
            StringBuilder summary = new StringBuilder("story-scale");
            for (int s = 0; s < sizes.length; s++) {
                double us = wall[s] / 1e3 / batch;
                System.out.printf("stored_stories=%s batch=%d us_per_article=%.1f cpu_us_per_article=%.1f "
                                + "process_cpu_us_per_article=%.1f followups_joined=%d/%d story_cache_hit_rate=%.3f "
                                + "rocksdb_bytes=%d%n", labels[s], batch, us, thread[s] / 1e3 / batch,
                        process[s] / 1e3 / batch, joined[s], (batch + 1) / 2, hitRate[s], disk[s]);
                System.out.printf("  per_article stored_stories=%s story_reads=%.1f story_misses=%.1f "
                                + "posting_reads=%.1f posting_misses=%.1f%n", labels[s], perArticle[s][0], perArticle[s][1],
                        perArticle[s][2], perArticle[s][3]);
                summary.append(String.format(" us_per_article_at_%s=%.1f", labels[s], us));
            }
            int last = sizes.length - 1;
            System.out.printf("heap_used_after_gc_mb=%d heap_pools_peak_sum_mb=%d max_heap_mb=%d%n", heap >> 20, peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.println(summary.append(String.format(" cpu_ratio=%.2f process_cpu_ratio=%.2f ratio=%.2f",
                    thread[last] / (double) thread[0], process[last] / (double) process[0], wall[last] / (double) wall[0])));
        } catch (RuntimeException e) {
            e.printStackTrace(); // before closing, which may fail for the same reason
            throw e;
        } finally {
            stores.forEach(StoryStoreHarness::close);
            for (Path d : dirs) {
                delete(d);
            }
        }
    }

    /** Batch article {@code j} at size {@code s}, counted in {@code joined} when a follow-up joins its story. */
    private static void process(StoryStoreHarness h, Prefilled pre, List<EnrichedArticle> articles, int j, int[] joined,
                                int s) {
        EnrichedArticle a = articles.get(j);
        String story = h.process(a);
        if (j % 2 == 0 && pre.joinedFollowedStory(a, story)) {
            joined[s]++;
        }
        if ((j + 1) % COMMIT_EVERY == 0) {
            h.commit();
        }
    }

    /**
     * The pre-fill's parameters: the defaults with a window of 0 and one candidate, so that the
     * processor skips every candidate before scoring it and looks up only a couple of them. Each pre-fill article is a new event and starts a story with the
     * default window too (BENCHMARKS.md: over 99.5% of them did); what it writes to the stores is the
     * same, at a fraction of the time, which is what lets 1M stories pre-fill in minutes.
     */
    static StoryClusterer.Params prefillParams() {
        return StoryClusterer.Params.defaults().withWindowMillis(0).withCandidates(1);
    }

    /**
     * What a pre-fill left: how many articles started a story of their own, and the story each of the
     * last ones went to, oldest first (what a batch follow-up of that event should join).
     */
    record Prefilled(int stored, int ownStories, String[] recentStories) {
        /** Written next to a saved pre-fill ({@code -Dprefill.cache}): the counts, then the recent stories. */
        void save(Path dir) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add(stored + " " + ownStories);
            lines.addAll(Arrays.asList(recentStories));
            Files.write(dir.resolve("prefilled.txt"), lines);
        }

        /** A pre-fill saved under {@code dir}, or null when there is none. */
        static Prefilled load(Path dir) throws IOException {
            Path f = dir.resolve("prefilled.txt");
            if (!Files.exists(f)) {
                return null;
            }
            List<String> lines = Files.readAllLines(f);
            String[] head = lines.get(0).split(" ");
            return new Prefilled(Integer.parseInt(head[0]), Integer.parseInt(head[1]),
                    lines.subList(1, lines.size()).toArray(String[]::new));
        }

        boolean joinedFollowedStory(EnrichedArticle followUp, String story) {
            int event = Integer.parseInt(followUp.id().substring(followUp.id().indexOf("-e") + 2));
            return story.equals(recentStories[event - (stored - recentStories.length)]);
        }
    }

    /** {@code n} articles through the processor, each a new event, a commit every {@value #COMMIT_EVERY}. */
    Prefilled prefill(StoryStoreHarness h, int n) {
        return fill(n, h::process, COMMIT_EVERY, h::commit, "prefill");
    }

    /**
     * {@code n} articles (the same ones {@link #prefill} processes) written in bulk ({@link BulkPrefill}),
     * a chunk of {@value #BULK_CHUNK} articles per write batch.
     */
    Prefilled bulkPrefill(StoryStoreHarness h, int n) {
        BulkPrefill bulk = new BulkPrefill(h, prefillParams());
        return fill(n, bulk::assign, BULK_CHUNK, bulk::flush, "bulk prefill");
    }

    /** The pre-fill articles through {@code assign}, {@code flush} every {@code flushEvery} and at the end. */
    private Prefilled fill(int n, Function<EnrichedArticle, String> assign, int flushEvery, Runnable flush, String what) {
        Random rnd = new Random(7);
        long t0 = System.nanoTime();
        int own = 0;
        String[] recentStories = new String[Math.min(n, RECENT)];
        for (int i = 0; i < n; i++) {
            String story = assign.apply(article("p" + i, i, i, PREFILL_WORDS, rnd));
            if (story.equals("s-p" + i)) {
                own++;
            }
            if (i >= n - recentStories.length) {
                recentStories[i - (n - recentStories.length)] = story;
            }
            if ((i + 1) % flushEvery == 0) {
                flush.run();
            }
            if ((i + 1) % 100_000 == 0) {
                System.out.printf("  %s %d/%d %.0f articles/s%n", what, i + 1, n, (i + 1) / ((System.nanoTime() - t0) / 1e9));
            }
        }
        flush.run();
        return new Prefilled(n, own, recentStories);
    }

    /**
     * Decoding cost of the story store's values, old encoding (Smile) against the current one, on the
     * stories the timed batch followed up (their centroids full), both timed in alternating rounds.
     */
    private static void decodeCost(StoryStoreHarness h, Prefilled pre, String label) {
        h.commit();
        KeyValueStore<String, StoryState> store = h.bulkStore(StoryProcessor.STORIES_STORE);
        Serde<StoryState> smile = SmileSerde.of(StoryState.class);
        Serde<StoryState> compact = new StoryStateSerde();
        List<byte[]> olds = new ArrayList<>();
        List<byte[]> news = new ArrayList<>();
        long terms = 0;
        for (String id : pre.recentStories()) {
            StoryState st = store.get(id);
            if (st != null) {
                olds.add(smile.serializer().serialize(null, st));
                news.add(compact.serializer().serialize(null, st));
                terms += st.centroid().size();
            }
        }
        long[] ns = new long[2];
        long sink = 0;
        for (int round = 0; round < 20; round++) {
            for (int k = 0; k < 2; k++) {
                boolean old = (round + k) % 2 == 0;
                List<byte[]> values = old ? olds : news;
                Serde<StoryState> serde = old ? smile : compact;
                long t0 = System.nanoTime();
                for (byte[] b : values) {
                    sink += serde.deserializer().deserialize(null, b).size();
                }
                if (round >= 10) { // the first rounds warm both decoders up
                    ns[old ? 0 : 1] += System.nanoTime() - t0;
                }
            }
        }
        int n = Math.max(1, olds.size());
        System.out.printf("story_decode stored_stories=%s values=%d mean_centroid_terms=%.0f smile_us=%.1f compact_us=%.1f "
                        + "smile_bytes=%d compact_bytes=%d (%d)%n", label, olds.size(), terms / (double) n,
                ns[0] / 1e3 / 10 / n, ns[1] / 1e3 / 10 / n, olds.stream().mapToLong(b -> b.length).sum() / n,
                news.stream().mapToLong(b -> b.length).sum() / n, sink % 2);
    }

    /**
     * Checks that two pre-fills of the same articles left the same state: every key of each story store
     * of {@code a} reads the same decoded value in {@code b}, and the stores hold as many keys (document
     * frequencies compared through their store, which may still hold some in log records).
     */
    private static void compare(StoryStoreHarness a, StoryStoreHarness b, String la, String lb) {
        for (String name : StoryProcessor.STORE_NAMES) {
            KeyValueStore<String, Object> x = a.bulkStore(name);
            KeyValueStore<String, Object> y = b.bulkStore(name);
            KeyValueStore<String, Object> xs = a.store(name);
            KeyValueStore<String, Object> ys = b.store(name);
            long keys = 0;
            long differ = 0;
            long[] counts = new long[2];
            for (int side = 0; side < 2; side++) {
                try (var it = (side == 0 ? x : y).all()) {
                    while (it.hasNext()) {
                        var kv = it.next();
                        if (!kv.key.startsWith("\u0001")) {
                            counts[side]++;
                            Object va = xs.get(kv.key);
                            Object vb = ys.get(kv.key);
                            if (side == 0) {
                                keys++;
                            }
                            if (!sameValue(va, vb)) {
                                differ++;
                                if (differ <= 3) {
                                    System.out.printf("  differ %s %s: %s / %s%n", name, kv.key, va, vb);
                                }
                            }
                        }
                    }
                }
            }
            System.out.printf("compare %s vs %s store=%s keys=%d/%d differing_reads=%d%n", la, lb, name, counts[0], counts[1],
                    differ);
        }
    }

    /** Equal values; fingerprints hold an array, which their record equality compares by identity. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof NearDuplicates.Fingerprint fa && b instanceof NearDuplicates.Fingerprint fb) {
            return fa.storyId().equals(fb.storyId()) && fa.originalId().equals(fb.originalId())
                    && Arrays.equals(fa.minHashes(), fb.minHashes());
        }
        return Objects.equals(a, b);
    }

    /** The timed batch after {@code stored} stories: even ones follow up a recent story, odd ones are new events. */
    List<EnrichedArticle> batch(int stored, int batch) {
        Random rnd = new Random(11);
        List<EnrichedArticle> out = new ArrayList<>(batch);
        for (int j = 0; j < batch; j++) {
            int event = j % 2 == 0 ? stored - 1 - rnd.nextInt(Math.min(stored, RECENT)) : 50_000_000 + j;
            out.add(article("b" + j + "-e" + event, event, stored + j, TEXT_WORDS, rnd));
        }
        return out;
    }

    /** An article on {@code event}: its six own words (title and twice in the text) and Zipf filler, {@code words} in all. */
    EnrichedArticle article(String id, int event, long seq, int words, Random rnd) {
        String[] own = new String[6];
        for (int k = 0; k < own.length; k++) {
            own[k] = "ev" + letters(event) + (char) ('a' + k);
        }
        StringBuilder title = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            title.append(own[rnd.nextInt(own.length)]).append(' ');
        }
        title.append(word(rnd)).append(' ').append(word(rnd));
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w < 12 ? own[w % own.length] : word(rnd)).append(w % 15 == 14 ? ". " : " ");
        }
        List<Entity> ents = new ArrayList<>();
        if (rnd.nextBoolean()) {
            int org = (event * 31 + 7) % ORGS;
            ents.add(new Entity("org-" + org, Entity.ORG, "Org " + org, 1, 0, List.of()));
        }
        String published = Instant.ofEpochMilli(START + seq * stepMs).toString();
        return new EnrichedArticle(id, "https://bench.example/" + id, null, "outlet" + rnd.nextInt(40) + ".example",
                title.toString().trim(), null, published, published, "en", text.toString(), ents, null, null, List.of());
    }

    private String word(Random rnd) {
        double u = rnd.nextDouble();
        int lo = 0;
        int hi = POOL - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return "w" + letters(lo);
    }

    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        do {
            b.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return b.toString();
    }

    /** Copies the files under {@code from} to {@code to}, keeping the tree. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
