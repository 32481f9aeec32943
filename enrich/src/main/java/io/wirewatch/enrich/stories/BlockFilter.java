package io.wirewatch.enrich.stories;

/**
 * A Bloom filter of string keys whose bits for a key all fall in one block of 512 bits (a 64-byte cache
 * line): a look-up touches one line of memory however big the filter is. A classic filter (Guava's, before)
 * touches one line per bit: at 1M stored stories the window's filters hold ~11M keys in ~18 MB, far past the
 * CPU caches, and its 7 misses per look-up (16 band keys and a text hash an article, written and looked up)
 * were the part of copy detection that grew with the store. No false negatives; about 1% false positives at
 * {@code capacity} keys (12 bits a key, 8 bits set per key). Not thread-safe (one stream thread).
 */
final class BlockFilter {

    static final int BITS_PER_KEY = 12;
    private static final int BITS_SET = 8;
    private static final int WORDS_PER_BLOCK = 8; // 512 bits

    private final long[] words;
    private final int blocks;

    /** A filter sized for {@code capacity} keys (at least one block). */
    BlockFilter(long capacity) {
        if (capacity > (long) (Integer.MAX_VALUE / WORDS_PER_BLOCK) * 512 / BITS_PER_KEY) {
            throw new IllegalArgumentException("a filter of " + capacity + " keys is too big");
        }
        long b = Math.max(1, (Math.max(0, capacity) * BITS_PER_KEY + 511) / 512);
        blocks = (int) b;
        words = new long[blocks * WORDS_PER_BLOCK];
    }

    void put(CharSequence key) {
        long h = hash(key);
        int base = block(h);
        long g = mix(h + 0x9E3779B97F4A7C15L);
        int a = (int) g & 511;
        int step = (int) (g >>> 32) | 1; // odd: the 8 positions differ
        for (int i = 0; i < BITS_SET; i++) {
            int bit = (a + i * step) & 511;
            words[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(CharSequence key) {
        long h = hash(key);
        int base = block(h);
        long g = mix(h + 0x9E3779B97F4A7C15L);
        int a = (int) g & 511;
        int step = (int) (g >>> 32) | 1;
        for (int i = 0; i < BITS_SET; i++) {
            int bit = (a + i * step) & 511;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of the bit array. */
    long bytes() {
        return words.length * 8L;
    }

    /** The first word of the key's block: the hash's upper half scaled to the block count (no modulo). */
    private int block(long h) {
        return (int) (((h >>> 32) * blocks) >>> 32) * WORDS_PER_BLOCK;
    }

    /** FNV-1a over the chars, then a 64-bit finaliser so that every bit depends on every char. */
    static long hash(CharSequence key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
