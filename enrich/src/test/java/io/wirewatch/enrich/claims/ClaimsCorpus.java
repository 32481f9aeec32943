package io.wirewatch.enrich.claims;

import io.wirewatch.common.model.Claim;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.model.Status;
import io.wirewatch.enrich.text.Sentences;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The labelled claims corpus ({@code claims/*.claims}, format in {@code claims/README.md}) and its
 * scoring: a claim counts as right when organisation, jurisdiction, status, resolved date, list
 * and background flag all match a labelled one of the same item ("full"), or the first three
 * ("core").
 */
final class ClaimsCorpus {

    /** What a claim is compared on. */
    record Key(String org, String jurisdiction, String status, String since, String list, boolean background) {

        static Key of(Claim c) {
            return new Key(c.org(), c.jurisdiction(), c.status(), c.since(), c.list(), c.background());
        }

        Key core() {
            return new Key(org, jurisdiction, status, null, null, false);
        }

        @Override
        public String toString() {
            return org + " " + jurisdiction + " " + status + " " + (since == null ? "-" : since)
                    + (list == null ? "" : " list=" + list) + (background ? " bg" : "");
        }
    }

    /** One item: an article of one or more paragraphs and the claims it must yield. */
    record Item(String id, String published, String text, Set<Key> expected) {

        RawArticle article() {
            return new RawArticle(id, "corpus:" + id, "corpus:" + id, "corpus", null, null, published,
                    "2026-01-01T00:00:00Z", "en", text);
        }
    }

    /** True, false and missed claims of one status. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", precision(), recall(), f1(), tp, fp, fn);
        }
    }

    /** The scores of one part: overall and per status, full and core; and the errors, for reading. */
    record Score(int items, int sentences, Counts full, Counts core, Map<Status, Counts> byStatus, List<String> errors) {}

    private ClaimsCorpus() {}

    static List<Item> load(String resource) {
        try (InputStream in = ClaimsCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("corpus " + resource + " not on the test classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Item> parse(String content, String name) {
        List<Item> out = new ArrayList<>();
        String id = null;
        String published = null;
        StringBuilder text = new StringBuilder();
        Set<Key> expected = new LinkedHashSet<>();
        int lineNo = 0;
        for (String line : (content + "\n===").split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.startsWith("#") || l.isEmpty()) {
                continue;
            }
            if (l.startsWith("===")) {
                if (id != null) {
                    out.add(new Item(id, published, text.toString().strip(), Set.copyOf(expected)));
                }
                String[] h = l.substring(3).strip().split("\\s+");
                id = h[0].isEmpty() ? null : h[0];
                published = null;
                for (int k = 1; k < h.length; k++) {
                    if (h[k].startsWith("published=")) {
                        published = h[k].substring("published=".length());
                    }
                }
                text.setLength(0);
                expected.clear();
            } else if (l.startsWith("+")) {
                expected.add(key(l.substring(1).strip(), name, lineNo));
            } else {
                text.append(l).append('\n');
            }
        }
        return out;
    }

    private static Key key(String spec, String name, int lineNo) {
        String[] f = spec.split("\\s+");
        if (f.length < 4) {
            throw new IllegalArgumentException(name + ":" + lineNo + ": a claim needs org, jurisdiction, status and date");
        }
        Status.valueOf(f[2]);
        String list = null;
        boolean bg = false;
        for (int k = 4; k < f.length; k++) {
            if (f[k].startsWith("list=")) {
                list = f[k].substring(5);
            } else if (f[k].equals("bg")) {
                bg = true;
            } else {
                throw new IllegalArgumentException(name + ":" + lineNo + ": unknown field " + f[k]);
            }
        }
        return new Key(f[0], f[1], f[2], f[3].equals("-") ? null : f[3], list, bg);
    }

    static Score score(List<Item> items, Function<RawArticle, List<Claim>> extract) {
        Counts full = new Counts();
        Counts core = new Counts();
        Map<Status, Counts> byStatus = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            byStatus.put(s, new Counts());
        }
        List<String> errors = new ArrayList<>();
        int sentences = 0;
        for (Item item : items) {
            sentences += Sentences.split(item.text()).size();
            Set<Key> got = new LinkedHashSet<>();
            for (Claim c : extract.apply(item.article())) {
                got.add(Key.of(c));
            }
            for (Key k : got) {
                Counts s = byStatus.get(Status.valueOf(k.status()));
                if (item.expected().contains(k)) {
                    full.tp++;
                    s.tp++;
                } else {
                    full.fp++;
                    s.fp++;
                    errors.add(item.id() + " extra:   " + k);
                }
            }
            for (Key k : item.expected()) {
                if (!got.contains(k)) {
                    full.fn++;
                    byStatus.get(Status.valueOf(k.status())).fn++;
                    errors.add(item.id() + " missing: " + k);
                }
            }
            Set<Key> gotCore = new LinkedHashSet<>();
            got.forEach(k -> gotCore.add(k.core()));
            Set<Key> wantCore = new LinkedHashSet<>();
            item.expected().forEach(k -> wantCore.add(k.core()));
            for (Key k : gotCore) {
                if (wantCore.contains(k)) {
                    core.tp++;
                } else {
                    core.fp++;
                }
            }
            for (Key k : wantCore) {
                if (!gotCore.contains(k)) {
                    core.fn++;
                }
            }
        }
        return new Score(items.size(), sentences, full, core, byStatus, errors);
    }
}
