package io.wirewatch.aggregate.status;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often a big table is published. A busy organisation's table, hundreds of KB of JSON once its
 * evidence fills the budget, is touched by nearly every commit; built, stored and sent at each (every
 * 100 ms under exactly-once) it is most of aggregate's work and garbage (BENCHMARKS.md). A table whose
 * last published JSON reached {@value #BYTES_CONFIG} is therefore published at most once every
 * {@value #MS_CONFIG} of wall-clock time, with every change since folded in; smaller tables go out at every
 * commit as before. It is the idea of Streams' {@code suppress(untilTimeLimit(...))}, applied before the
 * table is built, so that the building is saved too. The last publish times are held in memory (after a
 * restart a table is due at once); what waits is kept in a logged store by {@link StatusFoldProcessor}.
 */
public final class PublishPacing {

    /** The Streams property: wall-clock milliseconds between two publishes of one big table; 0 publishes at every commit. */
    public static final String MS_CONFIG = "wirewatch.status.big.table.interval.ms";
    public static final long DEFAULT_MS = 1000;
    public static final long MAX_MS = 3_600_000;
    /** The Streams property: the JSON size from which a table counts as big. */
    public static final String BYTES_CONFIG = "wirewatch.status.big.table.bytes";
    public static final long DEFAULT_BYTES = 64 * 1024;
    public static final long MIN_BYTES = 1;
    public static final long MAX_BYTES = Integer.MAX_VALUE;

    private final long intervalMs;
    private final long bigBytes;
    /** Organisations whose last table was big, by the time it was published, oldest first. */
    private final LinkedHashMap<String, Long> lastBig = new LinkedHashMap<>();

    public PublishPacing(long intervalMs, long bigBytes) {
        this.intervalMs = intervalMs;
        this.bigBytes = bigBytes;
    }

    /** The pacing a configuration sets (the defaults when unset); a bad value is refused with the setting and its range. */
    public static PublishPacing of(Map<?, ?> configs) {
        return new PublishPacing(setting(configs, MS_CONFIG, DEFAULT_MS, 0, MAX_MS, "milliseconds"),
                setting(configs, BYTES_CONFIG, DEFAULT_BYTES, MIN_BYTES, MAX_BYTES, "bytes"));
    }

    private static long setting(Map<?, ?> configs, String key, long dflt, long min, long max, String unit) {
        Object v = configs == null ? null : configs.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        long n = TableBound.bytes(v, min, max);
        if (n < 0) {
            throw new IllegalArgumentException(key + " must be a number of " + unit + " from " + min + " to " + max
                    + " (default " + dflt + "), not '" + v + "'");
        }
        return n;
    }

    public long intervalMs() {
        return intervalMs;
    }

    /** Whether the organisation's table may be published at {@code now}: it was not big, or not within the interval. */
    public boolean due(String org, long now) {
        Long last = lastBig.get(org);
        return last == null || now - last >= intervalMs || now < last; // a clock set back holds nothing back
    }

    /** Records a publish of {@code bytes} of JSON at {@code now}. */
    public void published(String org, long now, int bytes) {
        lastBig.remove(org); // re-inserted last: the map stays in publish order
        if (intervalMs > 0 && bytes >= bigBytes) {
            lastBig.put(org, now);
        }
    }

    /** Forgets the publishes older than the interval (they no longer hold anything back), so the map stays small. */
    public void expire(long now) {
        for (Iterator<Long> it = lastBig.values().iterator(); it.hasNext(); ) {
            if (now - it.next() < intervalMs) {
                return;
            }
            it.remove();
        }
    }

    /** Forgets every publish time (the task's state was reset). */
    public void clear() {
        lastBig.clear();
    }
}
