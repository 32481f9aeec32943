package io.wirewatch.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an article's latency goes, hop by hop: for each tracked article, the first time it was seen
 * at each point of the pipeline (by a read_committed reader, so when the next stage could have read
 * it). The hops of one article add up to its total, so the breakdown explains the last line's figures.
 */
public final class HopBreakdown {

    /** The points an article passes, in data-flow order; the first is its send, the last its status table. */
    public enum Point {
        SENT("sent"),
        RAW("news.raw.v1 acked"),
        STORY_INPUT("story-assignment repartition"),
        ENRICHED("news.enriched.v1"),
        BY_ORG("by-organization repartition"),
        STATUS("org.status.v1");

        final String label;

        Point(String label) {
            this.label = label;
        }
    }

    /** What each hop covers, for the log. */
    static final String[] HOP_NOTES = {
            "producer send to broker ack",
            "enrich: tagging, story features, enrich commit",
            "enrich: story task, enrich commit",
            "aggregate: claim routing, aggregate commit",
            "aggregate: fold, table at commit, aggregate commit"};

    private static final Point[] POINTS = Point.values();

    /** Not seen yet ({@code System.nanoTime} may be any value, zero and negative ones included). */
    private static final long UNSEEN = Long.MIN_VALUE;

    private final Map<String, long[]> times = new ConcurrentHashMap<>();

    /** Starts tracking an article sent at {@code nanos}. */
    public void sent(String articleId, long nanos) {
        long[] t = new long[POINTS.length];
        Arrays.fill(t, UNSEEN);
        t[0] = nanos;
        times.put(articleId, t);
    }

    /** Notes the first time a tracked article shows at a point; later sightings (re-emitted tables) are ignored. */
    public void seen(String articleId, Point point, long nanos) {
        long[] t = articleId == null ? null : times.get(articleId);
        if (t == null) {
            return;
        }
        synchronized (t) {
            if (t[point.ordinal()] == UNSEEN) {
                t[point.ordinal()] = nanos;
            }
        }
    }

    public boolean tracking() {
        return !times.isEmpty();
    }

    /** Send-to-table latencies in nanoseconds, sorted, of the articles that reached a table. */
    public List<Long> totals() {
        List<Long> out = new ArrayList<>();
        for (long[] t : times.values()) {
            synchronized (t) {
                if (t[Point.STATUS.ordinal()] != UNSEEN) {
                    out.add(t[Point.STATUS.ordinal()] - t[0]);
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** One figure line per hop over the articles seen at every point, then a line with the count. */
    public List<String> lines() {
        List<long[]> complete = new ArrayList<>();
        int reached = 0;
        for (long[] t : times.values()) {
            synchronized (t) {
                if (t[POINTS.length - 1] == UNSEEN) {
                    continue;
                }
                reached++;
                boolean all = true;
                for (long v : t) {
                    all &= v != UNSEEN;
                }
                if (all) {
                    complete.add(t.clone());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "latency: by hop, over the %d of %d articles in a table that were seen at every point:",
                complete.size(), reached));
        double totalMean = mean(complete, 0, POINTS.length - 1);
        for (int h = 0; h < POINTS.length - 1; h++) {
            lines.add(hopLine(POINTS[h].label + " -> " + POINTS[h + 1].label, HOP_NOTES[h], complete, h, h + 1, totalMean));
        }
        lines.add(hopLine("total", "send to status table", complete, 0, POINTS.length - 1, totalMean));
        return lines;
    }

    private static String hopLine(String name, String note, List<long[]> rows, int from, int to, double totalMean) {
        List<Long> d = new ArrayList<>(rows.size());
        for (long[] t : rows) {
            d.add(t[to] - t[from]);
        }
        Collections.sort(d);
        double m = mean(rows, from, to);
        return String.format(Locale.ROOT, "latency:   %-58s mean_ms=%.0f (%2.0f%%) p50_ms=%.0f p95_ms=%.0f p99_ms=%.0f max_ms=%.0f  (%s)",
                name, m, totalMean > 0 ? 100 * m / totalMean : 0, pct(d, 0.50), pct(d, 0.95), pct(d, 0.99),
                d.isEmpty() ? 0 : d.get(d.size() - 1) / 1e6, note);
    }

    private static double mean(List<long[]> rows, int from, int to) {
        if (rows.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (long[] t : rows) {
            sum += t[to] - t[from];
        }
        return sum / rows.size() / 1e6;
    }

    /** The q-quantile in milliseconds of sorted nanosecond values (nearest rank), 0 when there are none. */
    static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
