package io.wirewatch.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleIdsTest {

    @Test
    void idIsFirst16HexOfSha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(ArticleIds.fromCanonicalUrl("abc")).isEqualTo("ba7816bf8f01cfea");
    }

    @Test
    void canonicalizeStripsTrackingAndNormalises() {
        String a = ArticleIds.canonicalize("HTTPS://Example.COM:443/news/a?utm_source=x&id=7&fbclid=abc&gclid=q#top");
        assertThat(a).isEqualTo("https://example.com/news/a?id=7");
        assertThat(ArticleIds.canonicalize("https://example.com/a?utm_medium=rss")).isEqualTo("https://example.com/a");
        assertThat(ArticleIds.fromCanonicalUrl(ArticleIds.canonicalize("https://example.com/a?utm_medium=rss")))
                .isEqualTo(ArticleIds.fromCanonicalUrl(ArticleIds.canonicalize("https://example.com/a")));
    }

    @Test
    void nonUrlsPassThrough() {
        assertThat(ArticleIds.canonicalize("not a url")).isEqualTo("not a url");
    }
}
