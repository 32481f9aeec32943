package io.wirewatch.aggregate.status;

import java.util.TreeMap;

/** One outlet's original claims within a row's point or status: their count per confidence (thousandths). */
public record OutletTally(TreeMap<Integer, Integer> byConfidence) {

    public static OutletTally empty() {
        return new OutletTally(new TreeMap<>());
    }

    OutletTally copy() {
        return new OutletTally(new TreeMap<>(byConfidence));
    }

    boolean isEmpty() {
        return byConfidence.isEmpty();
    }

    /** The best confidence, or null when the outlet has no claim here. */
    Integer best() {
        return byConfidence.isEmpty() ? null : byConfidence.lastKey();
    }
}
