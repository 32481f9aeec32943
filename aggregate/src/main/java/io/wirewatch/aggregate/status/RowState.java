package io.wirewatch.aggregate.status;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.util.TreeMap;

/**
 * The compact state of one row, (organisation, jurisdiction, list): its claims reduced to dated
 * points, the jurisdiction names the claims use, and per status the confidence of its independent
 * sources, and how many distinct evidence sentences it has ({@code evidence}: the published table
 * may show fewer, see {@link TableBound}). Its size grows with the distinct dates and outlets of the
 * row, not with its claims. The maps are mutated in place by {@link OrgFold} and written back.
 */
public record RowState(String code, String list, TreeMap<String, Point> points, TreeMap<String, Integer> names,
                       TreeMap<String, Support> support, int evidence) {

    public static RowState empty(String code, String list) {
        return new RowState(code, list, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0);
    }

    /** The same row with {@code delta} more distinct evidence sentences (the maps are shared). */
    RowState withEvidence(int delta) {
        return delta == 0 ? this : new RowState(code, list, points, names, support, Math.max(0, evidence + delta));
    }

    /** A copy whose maps can be changed without changing this one (points are immutable). */
    RowState copy() {
        TreeMap<String, Support> s = new TreeMap<>();
        support.forEach((k, v) -> s.put(k, new Support(new TreeMap<>(v.outlets()), new TreeMap<>(v.copies()))));
        return new RowState(code, list, new TreeMap<>(points), new TreeMap<>(names), s, evidence);
    }

    /**
     * Claims of one status placed at one point in time. {@code weight} is the number of distinct
     * outlets among its original (non-copy) claims; {@code claims} counts every claim, copies included.
     * Stored as a JSON array: a row keeps one per distinct date and status.
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record Point(String status, String since, String position, boolean scheduled, int claims, int weight) {

        static String key(String status, String since, String position, boolean scheduled) {
            return status + '|' + (since == null ? "" : since) + '|' + position + '|' + (scheduled ? 's' : '-');
        }

        Point plus(int claimsDelta, int weightDelta) {
            return new Point(status, since, position, scheduled, claims + claimsDelta, weight + weightDelta);
        }
    }

    /**
     * The sources of one status: {@code outlets} maps a confidence in thousandths to the number of
     * outlets whose best original claim has it; {@code copies} maps it to the number of copied claims.
     */
    public record Support(TreeMap<Integer, Integer> outlets, TreeMap<Integer, Integer> copies) {

        static Support empty() {
            return new Support(new TreeMap<>(), new TreeMap<>());
        }

        boolean isEmpty() {
            return outlets.isEmpty() && copies.isEmpty();
        }
    }

    /** Adds {@code delta} to a count, removing the entry when it reaches zero. */
    static <K> void add(TreeMap<K, Integer> counts, K key, int delta) {
        if (key == null || delta == 0) {
            return;
        }
        int n = counts.getOrDefault(key, 0) + delta;
        if (n <= 0) {
            counts.remove(key);
        } else {
            counts.put(key, n);
        }
    }
}
