package io.wirewatch.ingest.fetch;

/**
 * The outcome of one fetch. {@code error} is null on success (2xx, or 304 for a conditional GET)
 * and otherwise starts with a stable reason code ({@code timeout}, {@code too-large},
 * {@code private-address}, {@code robots-disallowed}, {@code http-404}, ...) followed by ": detail".
 */
public record FetchResult(String url, String finalUrl, int status, String contentType, byte[] body, String etag,
                          String lastModified, String error) {

    public boolean ok() {
        return error == null;
    }

    public boolean notModified() {
        return error == null && status == 304;
    }

    /** The reason code of the error (the part before ": "), or null on success. */
    public String reasonCode() {
        if (error == null) {
            return null;
        }
        int i = error.indexOf(": ");
        return i < 0 ? error : error.substring(0, i);
    }

    static FetchResult failure(String url, String finalUrl, int status, String code, String detail) {
        return new FetchResult(url, finalUrl, status, null, new byte[0], null, null,
                detail == null || detail.isBlank() ? code : code + ": " + detail);
    }
}
