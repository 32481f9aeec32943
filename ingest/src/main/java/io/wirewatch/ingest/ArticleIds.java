package io.wirewatch.ingest;

import crawlercommons.filters.basic.BasicURLNormalizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** Article ids and canonical URLs: the same page reached by different links gets one id. */
public final class ArticleIds {

    /** Parameters that identify a campaign or a click, never the page. */
    private static final Set<String> TRACKING = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
            "mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid", "ncid", "spm", "smid", "mkt_tok",
            "soc_src", "soc_trk", "ref_src", "ref_url", "__twitter_impression");

    private static final BasicURLNormalizer NORMALIZER = new BasicURLNormalizer();

    private ArticleIds() {}

    /** The first 16 hex characters of the SHA-256 of the canonical URL. */
    public static String fromCanonicalUrl(String canonicalUrl) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** Normalises the URL (crawler-commons) and strips tracking parameters; returns the input when it is not a URL. */
    public static String canonicalize(String url) {
        if (url == null) {
            return null;
        }
        String u = stripTracking(url.trim());
        if (!u.regionMatches(true, 0, "http://", 0, 7) && !u.regionMatches(true, 0, "https://", 0, 8)) {
            return u; // file: URIs and the like: the normaliser would invent an http:// host
        }
        String n;
        try {
            n = NORMALIZER.filter(u);
        } catch (RuntimeException e) {
            n = null;
        }
        return n == null ? u : n;
    }

    static boolean isTracking(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("utm_") || TRACKING.contains(n);
    }

    private static String stripTracking(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!isTracking(name)) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        return url.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept) + fragment;
    }
}
