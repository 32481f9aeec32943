package io.wirewatch.enrich.stories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Near-copy detection (syndicated wire copies with small edits) by MinHash over word 3-shingles,
 * with LSH bands kept in a state store. Every article's {@value #BANDS} band keys point to the
 * earliest article that had them; an article whose bands hit an earlier one is a near-copy when
 * their signatures agree on at least {@link #DEFAULT_THRESHOLD} of the minhashes (the estimate of
 * the shingle sets' Jaccard similarity). Two rows per band find pairs down to a Jaccard of about
 * 0.5 with high probability; the signature check then drops the chance hits.
 */
public final class NearDuplicates {

    public static final int HASHES = 32;
    public static final int ROWS = 2;
    public static final int BANDS = HASHES / ROWS;
    /** Estimated Jaccard of word 3-shingles from which an article is a copy with edits. */
    public static final double DEFAULT_THRESHOLD = 0.6;
    private static final int SHINGLE = 3;
    private static final long[] SEEDS = new long[HASHES];

    static {
        long s = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < HASHES; i++) {
            s += 0x9E3779B97F4A7C15L;
            SEEDS[i] = mix(s);
        }
    }

    /**
     * What the store keeps per article: its story, the earliest article it copies (itself when it
     * copies none, so that a copy of a copy points at the original), and its signature.
     */
    public record Fingerprint(String storyId, String originalId, int[] minHashes) {}

    /** The outcome of a lookup: the signature, its band keys, and the copied article's fingerprint if any. */
    public record Probe(int[] signature, List<String> bandKeys, List<String> freeBands, Fingerprint original) {}

    private NearDuplicates() {}

    /**
     * Looks a text's signature ({@link #signature}, computed beforehand) up in the bands; null when the
     * text had no shingle (a null signature: nothing to compare).
     */
    public static Probe probe(CopyStore store, int[] sig, double threshold) {
        if (sig == null) {
            return null;
        }
        List<String> keys = bandKeys(sig);
        List<String> free = new ArrayList<>(keys.size());
        Fingerprint best = null;
        double bestSim = 0;
        List<String> checked = new ArrayList<>(4);
        for (String k : keys) {
            String earlier = store.nearCopyBand(k);
            if (earlier == null) {
                free.add(k);
                continue;
            }
            if (checked.contains(earlier)) {
                continue;
            }
            checked.add(earlier);
            Fingerprint f = store.fingerprint(earlier);
            if (f == null) {
                continue;
            }
            double sim = similarity(sig, f.minHashes());
            if (sim >= threshold && sim > bestSim) {
                bestSim = sim;
                best = f;
            }
        }
        return new Probe(sig, keys, free, best);
    }

    /** Records an article: its fingerprint, and its band keys that no earlier article holds. */
    public static void remember(CopyStore store, Probe probe, String articleId, String storyId, String originalId) {
        store.putFingerprint(articleId, new Fingerprint(storyId, originalId, probe.signature()));
        for (String k : probe.freeBands()) {
            store.putNearCopyBand(k, articleId);
        }
    }

    /** The MinHash signature of the text's word 3-shingles (fewer words: one shingle of all), or null. */
    public static int[] signature(String text) {
        long[] tokens = tokenHashes(text);
        if (tokens.length == 0) {
            return null;
        }
        long[] min = new long[HASHES];
        Arrays.fill(min, Long.MAX_VALUE);
        int shingles = Math.max(1, tokens.length - SHINGLE + 1);
        for (int s = 0; s < shingles; s++) {
            long h = 0;
            for (int j = s; j < Math.min(tokens.length, s + SHINGLE); j++) {
                h = h * 0x100000001B3L + tokens[j];
            }
            for (int i = 0; i < HASHES; i++) {
                long v = mix(h ^ SEEDS[i]);
                if (v < min[i]) {
                    min[i] = v;
                }
            }
        }
        int[] sig = new int[HASHES];
        for (int i = 0; i < HASHES; i++) {
            sig[i] = (int) (min[i] >>> 32);
        }
        return sig;
    }

    /** The fraction of equal minhashes: an unbiased estimate of the shingle sets' Jaccard similarity. */
    public static double similarity(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < HASHES; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) HASHES;
    }

    static List<String> bandKeys(int[] sig) {
        List<String> keys = new ArrayList<>(BANDS);
        for (int b = 0; b < BANDS; b++) {
            long h = b;
            for (int r = 0; r < ROWS; r++) {
                h = h * 0x100000001B3L + sig[b * ROWS + r];
            }
            keys.add(b + ":" + Long.toHexString(mix(h)));
        }
        return keys;
    }

    /** Lower-cased letter-or-digit runs, hashed; punctuation, case and spacing edits do not count. */
    private static long[] tokenHashes(String text) {
        if (text == null) {
            return new long[0];
        }
        long[] out = new long[64];
        int n = 0;
        int len = text.length();
        int i = 0;
        while (i < len) {
            while (i < len && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = mix(lowerHash(text, start, i));
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * {@code text.substring(start, end).toLowerCase(Locale.ROOT).hashCode()}, without making either string
     * for an ASCII word (most of them; lower-casing is then per character).
     */
    static int lowerHash(String text, int start, int end) {
        int h = 0;
        for (int j = start; j < end; j++) {
            char c = text.charAt(j);
            if (c >= 0x80) {
                return text.substring(start, end).toLowerCase(Locale.ROOT).hashCode();
            }
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return h;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85EC3L;
        return z ^ (z >>> 33);
    }
}
