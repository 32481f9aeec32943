package io.wirewatch.enrich;

import io.wirewatch.common.model.RawArticle;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the shared seed articles at test time (never copied into the repo). The plain-text
 * reading mirrors what ingest does with a {@code .txt} source: a leading {@code date YYYY-MM-DD}
 * token is the publish date, a short headline-like first line is the title, and a trailing
 * "heading + bullet list" block is page furniture.
 */
final class Seeds {

    private static final Pattern DATE_TOKEN = Pattern.compile("^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})(?=\\s|$)\\s*");

    private Seeds() {}

    /** The seeds directory, or a skipped test when the shared folder is not beside the checkout. */
    static Path dir() {
        String shared = System.getProperty("wirewatch.shared");
        Assumptions.assumeTrue(shared != null && !shared.isBlank(),
                "system property wirewatch.shared is not set (surefire sets it to ../shared); skipping seed tests");
        Path seeds = Path.of(shared, "seeds");
        Assumptions.assumeTrue(Files.isDirectory(seeds),
                "seed articles not found at " + seeds + "; skipping seed tests");
        return seeds;
    }

    /** The seed whose file name starts with {@code prefix} ("002"), as a raw article. */
    static RawArticle load(String prefix, boolean stripFurniture) {
        Path dir = dir();
        try (var files = Files.list(dir)) {
            Path f = files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".txt"))
                    .findFirst().orElse(null);
            Assumptions.assumeTrue(f != null, "seed " + prefix + "_*.txt not found in " + dir);
            return parse(prefix, Files.readString(f, StandardCharsets.UTF_8), stripFurniture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawArticle parse(String id, String content, boolean stripFurniture) {
        String s = content.replace("\r\n", "\n").strip();
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
            if (first.length() <= 120 && !first.matches(".*[.;,:?!\"”]$") && first.split("\\s+").length <= 15) {
                title = first;
                s = s.substring(nl + 1).strip();
            }
        }
        if (stripFurniture) {
            s = dropTrailingList(s);
        }
        return new RawArticle(id, "file:seed/" + id, "file:seed/" + id, "seed-" + id, title, null, published,
                "2025-07-15T00:00:00Z", "en", s);
    }

    /** A short heading followed by three or more "- " lines at the very end is a link list, not text. */
    private static String dropTrailingList(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int k = lines.size();
        int bullets = 0;
        while (k > 0 && lines.get(k - 1).strip().startsWith("- ")) {
            k--;
            bullets++;
        }
        if (bullets >= 3 && k > 0 && lines.get(k - 1).strip().length() < 40) {
            return String.join("\n", lines.subList(0, k - 1)).strip();
        }
        return s;
    }
}
