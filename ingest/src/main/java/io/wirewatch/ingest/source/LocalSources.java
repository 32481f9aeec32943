package io.wirewatch.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.ArticleIds;
import io.wirewatch.ingest.extract.ArticleExtractor;
import io.wirewatch.ingest.extract.Dates;
import io.wirewatch.ingest.extract.ExtractedPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local SRCs: a directory (its .html, .htm, .txt and .jsonl files, recursively, in path order) or
 * one such file, read into raw articles. A bad file or line is reported and skipped, never thrown.
 */
public final class LocalSources {

    /** A file or line that could not be read, and why. */
    public record Failure(String source, String reason) {
    }

    private static final Pattern DATE_TOKEN = Pattern.compile("^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})(?=\\s|$)\\s*");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*•–]\\s+\\S.*");
    private static final int TITLE_MAX_CHARS = 120;
    private static final int TITLE_MAX_WORDS = 15;

    private final ArticleExtractor extractor;

    public LocalSources() {
        this(new ArticleExtractor());
    }

    public LocalSources(ArticleExtractor extractor) {
        this.extractor = extractor;
    }

    /** True for a path that names an existing local file or directory other than a {@code .urls} list. */
    public static boolean isLocal(String src) {
        if (src == null || src.matches("(?i)^https?://.*") || src.toLowerCase(Locale.ROOT).endsWith(".urls")) {
            return false;
        }
        try {
            return Files.exists(Path.of(src));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static boolean isSupportedFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".txt") || n.endsWith(".jsonl")
                || WarcSources.isWarc(p);
    }

    public List<RawArticle> read(Path src, Consumer<Failure> onFailure) {
        List<RawArticle> out = new ArrayList<>();
        read(src, out::add, onFailure);
        return out;
    }

    /** Streams the articles of a source (a WARC backfill may hold far more than fits in memory). */
    public void read(Path src, Consumer<RawArticle> out, Consumer<Failure> onFailure) {
        if (!Files.exists(src)) {
            onFailure.accept(new Failure(src.toString(), "no such file or directory"));
            return;
        }
        List<Path> files;
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.walk(src)) {
                files = s.filter(Files::isRegularFile).filter(LocalSources::isSupportedFile).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                onFailure.accept(new Failure(src.toString(), "cannot list directory: " + e.getMessage()));
                return;
            }
        } else if (isSupportedFile(src)) {
            files = List.of(src);
        } else {
            onFailure.accept(new Failure(src.toString(),
                    "unsupported file type (want .html, .htm, .txt, .jsonl, .warc, .warc.gz)"));
            return;
        }
        for (Path f : files) {
            try {
                readFile(f, out, onFailure);
            } catch (IOException | RuntimeException e) {
                onFailure.accept(new Failure(f.toString(), "cannot read: " + e));
            }
        }
    }

    private void readFile(Path f, Consumer<RawArticle> out, Consumer<Failure> onFailure) throws IOException {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (WarcSources.isWarc(f)) {
            WarcSources.read(f, extractor, out, onFailure);
            return;
        }
        byte[] bytes = Files.readAllBytes(f);
        if (looksBinary(bytes)) {
            onFailure.accept(new Failure(f.toString(), "binary content, not text"));
            return;
        }
        String fileUrl = f.toAbsolutePath().normalize().toUri().toString();
        if (name.endsWith(".jsonl")) {
            readJsonl(f, decodeText(bytes), out, onFailure);
        } else if (name.endsWith(".txt")) {
            RawArticle a = fromText(decodeText(bytes), fileUrl);
            if (a.text().isBlank()) {
                onFailure.accept(new Failure(f.toString(), "empty text"));
            } else {
                out.accept(a);
            }
        } else {
            ExtractedPage p = extractor.extract(bytes, null, fileUrl);
            if (p.text() == null || p.text().isBlank()) {
                onFailure.accept(new Failure(f.toString(), "no article text found"));
                return;
            }
            // a saved page's own canonical link names the article better than the file path does
            String canonical = p.canonicalUrl() != null ? p.canonicalUrl() : ArticleIds.canonicalize(fileUrl);
            out.accept(new RawArticle(ArticleIds.fromCanonicalUrl(canonical), fileUrl, canonical,
                    p.outlet(), p.title(), p.author(), p.published(), now(), p.lang(), p.text()));
        }
    }

    /** A plain-text article: a short headline-like first line is the title; a leading "date YYYY-MM-DD" token is the date. */
    static RawArticle fromText(String content, String url) {
        String s = content.replace("\r\n", "\n").replace('\r', '\n').strip();
        String published = null;
        Matcher m = DATE_TOKEN.matcher(s);
        if (m.find()) {
            published = m.group(1);
            s = s.substring(m.end()).strip();
        }
        String title = null;
        int nl = s.indexOf('\n');
        if (nl > 0) {
            String first = s.substring(0, nl).strip();
            if (looksLikeHeadline(first)) {
                title = first;
                s = s.substring(nl + 1).strip();
                Matcher m2 = DATE_TOKEN.matcher(s);
                if (published == null && m2.find()) {
                    published = m2.group(1);
                    s = s.substring(m2.end()).strip();
                }
            }
        }
        String text = dropTrailingLinkList(s);
        String canonical = ArticleIds.canonicalize(url);
        return new RawArticle(ArticleIds.fromCanonicalUrl(canonical), url, canonical, null, title, null,
                Dates.normalize(published), now(), null, text);
    }

    static boolean looksLikeHeadline(String line) {
        if (line.isEmpty() || line.length() > TITLE_MAX_CHARS) {
            return false;
        }
        if (line.matches(".*[.;,:]$")) {
            return false;
        }
        return line.split("\\s+").length <= TITLE_MAX_WORDS;
    }

    /** Page furniture pasted with the text: a short heading followed by three or more bullet lines, at the very end. */
    static String dropTrailingLinkList(String s) {
        String[] lines = s.split("\n", -1);
        int end = lines.length;
        while (end > 0 && lines[end - 1].isBlank()) {
            end--;
        }
        int i = end;
        while (i > 0 && BULLET.matcher(lines[i - 1]).matches()) {
            i--;
        }
        int bullets = end - i;
        if (bullets < 3 || i == 0) {
            return s;
        }
        String heading = lines[i - 1].strip();
        if (heading.isEmpty() || heading.split("\\s+").length > 6 || heading.matches(".*[.!?]$")) {
            return s;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, 0, i - 1)).strip();
    }

    private void readJsonl(Path f, String content, Consumer<RawArticle> out, Consumer<Failure> onFailure) {
        String[] lines = content.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = f + ":" + (i + 1);
            try {
                JsonNode n = Json.MAPPER.readTree(line);
                if (n == null || !n.isObject()) {
                    onFailure.accept(new Failure(where, "line " + (i + 1) + ": not a JSON object"));
                    continue;
                }
                String url = str(n, "url");
                String text = str(n, "text");
                if (url == null || text == null) {
                    onFailure.accept(new Failure(where, "line " + (i + 1) + ": missing "
                            + (url == null ? "url" : "text")));
                    continue;
                }
                String canonical = ArticleIds.canonicalize(url);
                String id = str(n, "id");
                String outlet = str(n, "outlet");
                String published = str(n, "published");
                out.accept(new RawArticle(id != null ? id : ArticleIds.fromCanonicalUrl(canonical), url, canonical,
                        outlet != null ? outlet : host(url), str(n, "title"), str(n, "author"),
                        published == null ? null : firstNonNull(Dates.normalize(published), published),
                        now(), str(n, "lang"), text));
            } catch (IOException | RuntimeException e) {
                onFailure.accept(new Failure(where, "line " + (i + 1) + ": invalid JSON: "
                        + e.getMessage().lines().findFirst().orElse("")));
            }
        }
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    static String host(String url) {
        return ArticleExtractor.host(url);
    }

    /** Text in any 8-bit or UTF-8 encoding has no NUL byte; binary data nearly always has one early (as git decides). */
    static boolean looksBinary(byte[] b) {
        int n = Math.min(b.length, 8000);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** UTF-8 (BOM dropped); text that is not UTF-8 is read as windows-1252, the usual legacy encoding. */
    static String decodeText(byte[] b) {
        int off = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, b.length - off)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, Charset.forName("windows-1252"));
        }
    }

    private static String now() {
        return Instant.now().toString();
    }
}
