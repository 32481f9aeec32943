package io.wirewatch.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.common.serde.Json;
import org.jsoup.Jsoup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** {@code roundRatios}: each timed round's extractor/jsoup speed ratio, sorted (how steady the run was). */
    public record Result(int pages, double precision, double recall, double f1, double accuracy,
                         double pagesPerSecond, double jsoupPagesPerSecond, List<Double> roundRatios) {
    }

    /** Per-page scores: precision is null when nothing was extracted. */
    public record PageScore(Double precision, double recall, boolean exact) {
    }

    private static final int SHINGLE = 4;

    private ExtractionEval() {}

    /** The scores, with one timed round and no warm-up (for tests: the timings are rough). */
    public static Result evaluate(Path htmlDir, Path groundTruthJson, ArticleExtractor ex) throws IOException {
        return evaluate(htmlDir, groundTruthJson, ex, 1, 0);
    }

    /** As {@link #evaluate(Path, Path, ArticleExtractor, int, int)} after {@link #WARMUP_ROUNDS} warm-up rounds. */
    public static Result evaluate(Path htmlDir, Path groundTruthJson, ArticleExtractor ex, int rounds)
            throws IOException {
        return evaluate(htmlDir, groundTruthJson, ex, rounds, WARMUP_ROUNDS);
    }

    /**
     * Scores the extractor on the pages named in the ground truth, and times it against bare jsoup
     * parsing of the same bytes. After {@code warmup} untimed rounds of both (JIT), the timed rounds
     * alternate extractor and jsoup page by page so that machine noise falls on both alike.
     */
    public static Result evaluate(Path htmlDir, Path groundTruthJson, ArticleExtractor ex, int rounds, int warmup)
            throws IOException {
        JsonNode truth = Json.MAPPER.readTree(groundTruthJson.toFile());
        Pages pages = Pages.load(htmlDir, truth);
        List<String> ids = pages.ids;
        List<String> urls = pages.urls;
        List<byte[]> bodies = pages.bodies;
        List<String> predicted = extractAll(ex, bodies, urls);
        int sink = 0;
        // warm-up: C2 compiles the extractor's larger body of code later than the parser's, most of
        // all on a loaded machine, so a single round left part of it interpreted in the timed rounds
        for (int round = 0; round < warmup; round++) {
            sink += timedRound(ex, bodies, urls, new long[2]);
        }
        long[] nanos = new long[2]; // extractor, jsoup
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < Math.max(1, rounds); round++) {
            // a collection between rounds, untimed, so that one round's garbage is not paid for in the next
            System.gc();
            long[] one = new long[2];
            sink += timedRound(ex, bodies, urls, one);
            nanos[0] += one[0];
            nanos[1] += one[1];
            ratios.add((double) one[1] / Math.max(one[0], 1));
        }
        ratios.sort(null);
        long extractNanos = nanos[0];
        long jsoupNanos = nanos[1];
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
                timedPages / Math.max(extractNanos / 1e9, 1e-9), timedPages / Math.max(jsoupNanos / 1e9, 1e-9), ratios);
    }

    /** The pages of the ground truth found in the directory, in the ground truth's order. */
    private record Pages(List<String> ids, List<String> urls, List<byte[]> bodies) {
        static Pages load(Path htmlDir, JsonNode truth) {
            Pages p = new Pages(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Iterator<String> it = truth.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                Path f = htmlDir.resolve(id + ".html.gz");
                if (Files.exists(f)) {
                    p.ids.add(id);
                    p.urls.add(truth.get(id).path("url").asText(null));
                    p.bodies.add(gunzip(f));
                }
            }
            return p;
        }
    }

    /**
     * Every field the extractor gives for every page, one JSON line a page ({@code {"id", "page"}}),
     * in the ground truth's order: with the set's Content-Type and, to cover charset detection too,
     * without one. Two dumps compare byte for byte when a change leaves the output as it was.
     */
    public static int dump(Path htmlDir, Path groundTruthJson, ArticleExtractor ex, Path out) throws IOException {
        Pages pages = Pages.load(htmlDir, Json.MAPPER.readTree(groundTruthJson.toFile()));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pages.ids.size(); i++) {
            for (String contentType : new String[] {CONTENT_TYPE, null}) {
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.put("id", pages.ids.get(i));
                line.put("contentType", contentType);
                line.set("page", Json.MAPPER.valueToTree(ex.extract(pages.bodies.get(i), contentType, pages.urls.get(i))));
                b.append(Json.write(line)).append('\n');
            }
        }
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
        return pages.ids.size();
    }

    /** Untimed rounds over all pages before the timed ones. */
    static final int WARMUP_ROUNDS = 3;

    /**
     * One round over every page: extractor and bare jsoup alternate page by page, so that a burst of
     * load on this shared machine hits both alike; adds the nanoseconds of each side to {@code nanos}.
     */
    private static int timedRound(ArticleExtractor ex, List<byte[]> bodies, List<String> urls, long[] nanos)
            throws IOException {
        int sink = 0;
        for (int i = 0; i < bodies.size(); i++) {
            long t0 = System.nanoTime();
            sink += ex.extract(bodies.get(i), CONTENT_TYPE, urls.get(i)).text().length();
            long t1 = System.nanoTime();
            sink += parse(bodies.get(i), urls.get(i));
            long t2 = System.nanoTime();
            nanos[0] += t1 - t0;
            nanos[1] += t2 - t1;
        }
        return sink;
    }

    /** The set's pages are UTF-8 (README): both sides decode the same bytes with that charset. */
    private static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private static List<String> extractAll(ArticleExtractor ex, List<byte[]> bodies, List<String> urls) {
        List<String> out = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            out.add(ex.extract(bodies.get(i), CONTENT_TYPE, urls.get(i)).text());
        }
        return out;
    }

    /** The denominator: jsoup's parse of the same bytes, nothing else. */
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
        return new Result(n, p, r, f1, n == 0 ? 0 : (double) exact / n, 0, 0, List.of());
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
