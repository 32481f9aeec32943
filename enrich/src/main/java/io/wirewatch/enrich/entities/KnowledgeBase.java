package io.wirewatch.enrich.entities;

import io.wirewatch.common.model.Entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity knowledge base shipped as data in {@code kb/*.tsv} (see kb/README.md for sources and
 * how to extend it): jurisdictions (states and bodies), organisations, persons, with aliases.
 */
public final class KnowledgeBase {

    /** How an alias names its entity: a jurisdiction's demonym and metonyms count as the jurisdiction. */
    public enum AliasKind { NAME, ALIAS, DEMONYM, METONYM }

    /** One knowledge-base entry. {@code jurisdiction} is a person's state, or a jurisdiction's own code. */
    public record Entry(String id, String type, String name, String kind, String jurisdiction, List<String> lists) {}

    /** A surface form; {@code ambiguous} ones (written {@code ~TM}) need another alias of the entity nearby. */
    public record Alias(String surface, Entry entry, AliasKind kind, boolean ambiguous) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Alias> aliases = new ArrayList<>();
    private final Map<String, String> spellings = new HashMap<>();

    public static KnowledgeBase loadDefault() {
        KnowledgeBase kb = new KnowledgeBase();
        kb.loadJurisdictions(resource("kb/jurisdictions.tsv"));
        kb.loadOrganizations(resource("kb/organizations.tsv"));
        kb.loadPersons(resource("kb/persons.tsv"));
        kb.loadSpellings(resource("kb/spellings.tsv"));
        return kb;
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public List<Alias> aliases() {
        return Collections.unmodifiableList(aliases);
    }

    public Entry get(String id) {
        return entries.get(id);
    }

    /**
     * The key of a word's spelling group ("qaida" and "qaeda" share one), for a word already
     * lower-cased and folded; a word in no group is its own key.
     */
    public String spellingKey(String word) {
        return spellings.getOrDefault(word, word);
    }

    /** Every word of a spelling group with its group's key, as {@link #spellingKey} reads them. */
    public Map<String, String> spellingKeys() {
        return Collections.unmodifiableMap(spellings);
    }

    /** One group of equivalent spellings a line, '|'-separated (kb/spellings.tsv). */
    void loadSpellings(InputStream in) {
        for (String[] c : rows(in, 1, "spellings.tsv")) {
            List<String> group = new ArrayList<>();
            for (String w : split(c[0])) {
                group.add(io.wirewatch.enrich.text.Tokens.fold(w).toLowerCase(java.util.Locale.ROOT));
            }
            if (group.isEmpty()) {
                continue;
            }
            // a word already in a group keeps that group's key, so overlapping lines merge
            String key = group.get(0);
            for (String w : group) {
                if (spellings.containsKey(w)) {
                    key = spellings.get(w);
                    break;
                }
            }
            for (String w : group) {
                spellings.putIfAbsent(w, key);
            }
        }
    }

    /** Columns: code, kind (STATE|BODY), name, aliases, demonyms, metonyms. */
    void loadJurisdictions(InputStream in) {
        for (String[] c : rows(in, 6, "jurisdictions.tsv")) {
            Entry e = add(new Entry(c[0], Entity.LOC, c[2], c[1], c[0], List.of()));
            alias(c[2], e, AliasKind.NAME);
            splitInto(c[3], e, AliasKind.ALIAS);
            splitInto(c[4], e, AliasKind.DEMONYM);
            splitInto(c[5], e, AliasKind.METONYM);
        }
    }

    /** Columns: id, name, aliases, lists. */
    void loadOrganizations(InputStream in) {
        for (String[] c : rows(in, 4, "organizations.tsv")) {
            Entry e = add(new Entry(c[0], Entity.ORG, c[1], "ORG", null, split(c[3])));
            alias(c[1], e, AliasKind.NAME);
            splitInto(c[2], e, AliasKind.ALIAS);
        }
    }

    /** Columns: id, name, aliases, role, jurisdiction code. */
    void loadPersons(InputStream in) {
        for (String[] c : rows(in, 5, "persons.tsv")) {
            Entry e = add(new Entry(c[0], Entity.PER, c[1], c[3], c[4].isBlank() ? null : c[4], List.of()));
            alias(c[1], e, AliasKind.NAME);
            splitInto(c[2], e, AliasKind.ALIAS);
        }
    }

    private Entry add(Entry e) {
        entries.putIfAbsent(e.id(), e);
        return entries.get(e.id());
    }

    private void splitInto(String cell, Entry e, AliasKind kind) {
        for (String a : split(cell)) {
            alias(a, e, kind);
        }
    }

    private void alias(String surface, Entry e, AliasKind kind) {
        String s = surface.strip();
        boolean ambiguous = s.startsWith("~");
        if (ambiguous) {
            s = s.substring(1).strip();
        }
        if (!s.isEmpty()) {
            aliases.add(new Alias(s, e, kind, ambiguous));
        }
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String s : cell.split("\\|")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static List<String[]> rows(InputStream in, int columns, String name) {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length < columns) {
                    throw new IllegalStateException(name + " line " + n + ": expected " + columns
                            + " tab-separated columns, found " + c.length);
                }
                out.add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static InputStream resource(String path) {
        InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("knowledge base file missing from the classpath: " + path);
        }
        return in;
    }
}
