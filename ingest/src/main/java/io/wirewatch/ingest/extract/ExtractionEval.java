package io.wirewatch.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirewatch.common.serde.Json;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The extraction metric of the shared dev set (eval/extraction/README.md): Unicode word tokens,
 * 4-token shingle multisets, per-page precision/recall averaged over the corpus, F1 of the means,
 * and exact-token accuracy. Also times the extractor against bare jsoup parsing of the same pages.
 */
public final class ExtractionEval {

    public record Result(int pages, double precision, double recall, double f1, double accuracy,
                         double pagesPerSecond, double jsoupPagesPerSecond) {
    }

    /** Per-page scores: precision is null when nothing was extracted. */
    public record PageScore(Double precision, double recall, boolean exact) {
    }

    private static final int SHINGLE = 4;

    private ExtractionEval() {}

    /** One untimed warm-up round, then one timed round of each: see {@link #evaluate(Path, Path, ArticleExtractor, int)}. */
    public static Result evaluate(Path htmlDir, Path groundTruthJson, ArticleExtractor ex) throws IOException {
        return evaluate(htmlDir, groundTruthJson, ex, 1);
    }

    /**
     * Scores the extractor on the pages named in the ground truth, and times it against bare jsoup
     * parsing of the same bytes. After a warm-up round of each (JIT), the timed rounds alternate
     * extractor and jsoup page by page so that machine noise falls on both alike.
     */
    public static Result evaluate(Path htmlDir, Path groundTruthJson, ArticleExtractor ex, int rounds)
            throws IOException {
        JsonNode truth = Json.MAPPER.readTree(groundTruthJson.toFile());
        List<String> ids = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (Iterator<String> it = truth.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            Path f = htmlDir.resolve(id + ".html.gz");
            if (!Files.exists(f)) {
                continue;
            }
            ids.add(id);
            urls.add(truth.get(id).path("url").asText(null));
            bodies.add(gunzip(f));
        }
        List<String> predicted = extractAll(ex, bodies, urls);
        parseAll(bodies, urls);
        long extractNanos = 0;
        long jsoupNanos = 0;
        int sink = 0;
        for (int round = 0; round < Math.max(1, rounds); round++) {
            // page by page, so that a burst of load on this shared machine hits both sides alike
            for (int i = 0; i < bodies.size(); i++) {
                long t0 = System.nanoTime();
                sink += ex.extract(bodies.get(i), "text/html; charset=utf-8", urls.get(i)).text().length();
                long t1 = System.nanoTime();
                sink += parse(bodies.get(i), urls.get(i));
                long t2 = System.nanoTime();
                extractNanos += t1 - t0;
                jsoupNanos += t2 - t1;
            }
        }
        if (sink == 42) {
            System.err.print(""); // keeps the results observable
        }
        List<PageScore> scores = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            scores.add(score(truth.get(ids.get(i)).path("articleBody").asText(""), predicted.get(i)));
        }
        Result r = aggregate(scores);
        double timedPages = (double) ids.size() * Math.max(1, rounds);
        return new Result(r.pages(), r.precision(), r.recall(), r.f1(), r.accuracy(),
                timedPages / Math.max(extractNanos / 1e9, 1e-9), timedPages / Math.max(jsoupNanos / 1e9, 1e-9));
    }

    private static List<String> extractAll(ArticleExtractor ex, List<byte[]> bodies, List<String> urls) {
        List<String> out = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            // the set's pages are UTF-8 (README)
            out.add(ex.extract(bodies.get(i), "text/html; charset=utf-8", urls.get(i)).text());
        }
        return out;
    }

    /** The denominator: jsoup's parse of the same bytes, nothing else. */
    private static int parseAll(List<byte[]> bodies, List<String> urls) throws IOException {
        int nodes = 0;
        for (int i = 0; i < bodies.size(); i++) {
            nodes += parse(bodies.get(i), urls.get(i));
        }
        return nodes;
    }

    private static int parse(byte[] body, String url) throws IOException {
        return Jsoup.parse(new ByteArrayInputStream(body), "UTF-8", url == null ? "" : url).childNodeSize();
    }

    /** Corpus figures from per-page scores (timings left at 0). */
    public static Result aggregate(List<PageScore> scores) {
        double pSum = 0;
        int pN = 0;
        double rSum = 0;
        int exact = 0;
        for (PageScore s : scores) {
            if (s.precision() != null) {
                pSum += s.precision();
                pN++;
            }
            rSum += s.recall();
            exact += s.exact() ? 1 : 0;
        }
        int n = scores.size();
        double p = pN == 0 ? 0 : pSum / pN;
        double r = n == 0 ? 0 : rSum / n;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Result(n, p, r, f1, n == 0 ? 0 : (double) exact / n, 0, 0);
    }

    public static PageScore score(String truth, String predicted) {
        List<String> t = tokens(truth);
        List<String> p = tokens(predicted);
        boolean exact = t.equals(p);
        Map<List<String>, Integer> ts = shingles(t);
        Map<List<String>, Integer> ps = shingles(p);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        Set<List<String>> union = new HashSet<>(ts.keySet());
        union.addAll(ps.keySet());
        for (List<String> k : union) {
            int a = ts.getOrDefault(k, 0);
            int b = ps.getOrDefault(k, 0);
            tp += Math.min(a, b);
            fp += Math.max(0, b - a);
            fn += Math.max(0, a - b);
        }
        // scaling so tp + fp + fn = 1 leaves the ratios unchanged; kept for fidelity to the definition
        double sum = tp + fp + fn;
        if (sum > 0) {
            tp /= sum;
            fp /= sum;
            fn /= sum;
        }
        double precision;
        double recall;
        if (fp == 0 && fn == 0) {
            precision = 1;
            recall = 1;
        } else {
            precision = tp + fp == 0 ? 0 : tp / (tp + fp);
            recall = tp + fn == 0 ? 0 : tp / (tp + fn);
        }
        // an empty extraction has no precision and counts recall 0
        return new PageScore(p.isEmpty() ? null : precision, p.isEmpty() ? 0 : recall, exact);
    }

    /** Maximal runs of Unicode letters, decimal/letter/other numbers and underscore. */
    public static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            }
            i += n;
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    static boolean isWordChar(int cp) {
        if (cp == '_') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    public static Map<List<String>, Integer> shingles(List<String> tokens) {
        Map<List<String>, Integer> m = new HashMap<>();
        if (tokens.isEmpty()) {
            return m;
        }
        if (tokens.size() < SHINGLE) {
            m.put(List.copyOf(tokens), 1);
            return m;
        }
        for (int i = 0; i + SHINGLE <= tokens.size(); i++) {
            m.merge(List.copyOf(tokens.subList(i, i + SHINGLE)), 1, Integer::sum);
        }
        return m;
    }

    private static byte[] gunzip(Path f) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
