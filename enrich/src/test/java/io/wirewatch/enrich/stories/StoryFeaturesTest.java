package io.wirewatch.enrich.stories;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StoryFeaturesTest {

    /** The normalisation as first written, with a regex: the hash must stay what stores already hold. */
    private static String regexHash(String text) throws Exception {
        String norm = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        byte[] d = MessageDigest.getInstance("SHA-256").digest(norm.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 16);
    }

    @Test
    void theTextHashIsTheRegexNormalisationsHash() throws Exception {
        String[] fixed = {"", " ", "...", "Hello, World!", "  leading and trailing  ", "İstanbul ÇAĞ ß ǅ",
                "e\u0301 combining", "٣ Ⅻ ½ 2,5", "𝔘𝔫𝔦 🙂 emoji", "\ud800 lone \udc00 surrogates",
                "tab\tnew\nline\u00a0nbsp\u2009thin", "Ω≈ç√∫", "中文，标点。", "a\u0000b\u001fc"};
        for (String s : fixed) {
            assertThat(StoryClusterer.textHash(s)).as(s).isEqualTo(regexHash(s));
        }
        // random text over blocks of letters, marks, numbers, symbols, spaces and surrogates
        int[][] ranges = {{0x20, 0x7e}, {0xa0, 0x24f}, {0x300, 0x36f}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x600, 0x6ff},
                {0x2000, 0x206f}, {0x2150, 0x218f}, {0x3000, 0x303f}, {0x4e00, 0x4e80}, {0xd800, 0xdfff},
                {0x1d400, 0x1d4ff}, {0x1f600, 0x1f64f}};
        Random rnd = new Random(42);
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(60); i > 0; i--) {
                int[] r = ranges[rnd.nextInt(ranges.length)];
                b.appendCodePoint(r[0] + rnd.nextInt(r[1] - r[0] + 1));
            }
            String s = b.toString();
            assertThat(StoryClusterer.textHash(s)).as(s).isEqualTo(regexHash(s));
        }
    }

    @Test
    void copiesThatDifferInCasePunctuationOrSpacingHashAlike() {
        assertThat(StoryClusterer.textHash("The court lifted the ban.\n"))
                .isEqualTo(StoryClusterer.textHash("  the COURT — lifted, the ban"))
                .isNotEqualTo(StoryClusterer.textHash("The court upheld the ban."));
    }
}
