package io.wirewatch.enrich.stories;

/**
 * The copy-detection state story clustering reads and writes: exact-copy text hashes, near-copy band keys and
 * fingerprints. The topology's is a {@link NearCopyWindow} (kept for the story window); in tests, maps.
 */
public interface CopyStore {
    /** The earliest article with this normalised-text hash, or null. */
    String articleWithText(String textHash);

    void putArticleWithText(String textHash, String articleId);

    /** The earliest article with this near-copy band key, or null. */
    String nearCopyBand(String bandKey);

    void putNearCopyBand(String bandKey, String articleId);

    NearDuplicates.Fingerprint fingerprint(String articleId);

    void putFingerprint(String articleId, NearDuplicates.Fingerprint f);
}
