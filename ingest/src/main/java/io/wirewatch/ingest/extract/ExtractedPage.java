package io.wirewatch.ingest.extract;

/** What the extractor finds on one page; every field but {@code url} and {@code text} may be null. */
public record ExtractedPage(String url, String canonicalUrl, String title, String published, String author,
                            String outlet, String lang, String text) {
}
