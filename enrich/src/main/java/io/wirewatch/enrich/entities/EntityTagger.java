package io.wirewatch.enrich.entities;

import io.wirewatch.common.model.Entity;
import io.wirewatch.enrich.text.Tokens;
import io.wirewatch.enrich.text.Tokens.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Links entity mentions to the knowledge base with a longest-match search over a token trie
 * (one pass over the text, like Aho-Corasick over tokens), then finds organisations and persons
 * the knowledge base lacks by pattern, and resolves "the group"-style references in the article.
 */
public final class EntityTagger {

    /** The tagging of one text: every mention in order, and the entities with their counts. */
    public record Tagged(List<Mention> mentions, List<Entity> entities) {}

    /** Nouns that head an organisation's name: "Popular Liberation Front", "Gulf Cartel". */
    private static final Set<String> ORG_HEADS = Set.of("Front", "Movement", "Army", "Brigade", "Brigades",
            "Cartel", "Party", "Group", "Organization", "Organisation", "Battalion", "Battalions", "Legion",
            "Militia", "Jamaat", "Jamaah", "Mujahideen", "Martyrs", "Alliance", "Network", "Faction", "Union",
            "Command", "Forces", "Guard", "Guards", "Resistance", "Liberation", "Committee", "Fighters");
    /** Words that may stand inside a multi-word name without capitals. */
    private static final Set<String> NAME_GLUE = Set.of("of", "for", "the", "al", "el", "-", "and", "de", "del", "la");
    /** Generic capitalised words that never start an organisation's name. */
    private static final Set<String> NOT_NAME_START = Set.of("The", "A", "An", "This", "That", "These", "Those",
            "His", "Her", "Its", "Their", "Our", "Some", "Many", "Every", "Each", "In", "On", "At", "By", "For");
    /** References to an organisation already named in the article. */
    private static final Pattern COREF = Pattern.compile(
            "\\b(?:the|The) (?:militant |armed |extremist |terrorist |Islamist )?(group|movement|militants|organi[sz]ation|outfit|insurgents)\\b");
    /** Titles that put a person's name after them. */
    private static final Pattern TITLED_PERSON = Pattern.compile(
            "\\b(?:President|Prime Minister|Foreign Minister|Minister|Chancellor|King|Emir|Secretary of State|"
                    + "Secretary|Senator|General|Director|Ambassador|Spokesman|Spokeswoman|Dr\\.|Mr\\.|Mrs\\.|Ms\\.)"
                    + " ((?:\\p{Lu}[\\p{L}'\\-]+)(?: \\p{Lu}[\\p{L}'\\-]+){0,2})");

    private final KnowledgeBase kb;
    private final Node root = new Node();

    private static final class Node {
        final Map<String, Node> next = new HashMap<>();
        KnowledgeBase.Alias alias;
    }

    public EntityTagger(KnowledgeBase kb) {
        this.kb = kb;
        for (KnowledgeBase.Alias a : kb.aliases()) {
            Node n = root;
            for (Token t : Tokens.tokenize(a.surface())) {
                n = n.next.computeIfAbsent(t.folded(), k -> new Node());
            }
            // the first alias of an exact surface wins: names before aliases before demonyms
            if (n != root && (n.alias == null || a.kind().ordinal() < n.alias.kind().ordinal())) {
                n.alias = a;
            }
        }
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public Tagged tag(String text) {
        if (text == null || text.isEmpty()) {
            return new Tagged(List.of(), List.of());
        }
        List<Token> tokens = Tokens.tokenize(text);
        List<Mention> kbMentions = new ArrayList<>();
        List<KnowledgeBase.Alias> kbAliases = new ArrayList<>();
        boolean[] covered = new boolean[text.length() + 1];
        for (int i = 0; i < tokens.size(); ) {
            Node n = root;
            KnowledgeBase.Alias best = null;
            int bestEnd = -1;
            for (int j = i; j < tokens.size(); j++) {
                n = n.next.get(tokens.get(j).folded());
                if (n == null) {
                    break;
                }
                if (n.alias != null) {
                    best = n.alias;
                    bestEnd = j;
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            int start = tokens.get(i).start();
            int end = tokens.get(bestEnd).end();
            kbAliases.add(best);
            kbMentions.add(mention(best, start, end));
            i = bestEnd + 1;
        }
        // an ambiguous alias ("TM") counts only when the same entity is also named unambiguously
        Set<String> named = new HashSet<>();
        for (KnowledgeBase.Alias a : kbAliases) {
            if (!a.ambiguous()) {
                named.add(a.entry().id());
            }
        }
        List<Mention> mentions = new ArrayList<>();
        for (int k = 0; k < kbMentions.size(); k++) {
            KnowledgeBase.Alias a = kbAliases.get(k);
            if (!a.ambiguous() || named.contains(a.entry().id())) {
                Mention m = kbMentions.get(k);
                m = m.withSurface(text.substring(m.start(), m.end()));
                mentions.add(m);
                for (int c = m.start(); c < m.end(); c++) {
                    covered[c] = true;
                }
            }
        }
        mentions.addAll(patternOrganizations(tokens, covered));
        mentions.addAll(titledPersons(text, covered));
        mentions.sort((x, y) -> Integer.compare(x.start(), y.start()));
        mentions = withCoreference(text, mentions);
        return new Tagged(mentions, entities(mentions));
    }

    private static Mention mention(KnowledgeBase.Alias a, int start, int end) {
        KnowledgeBase.Entry e = a.entry();
        return new Mention(e.id(), e.type(), e.name(), start, end, a.kind().name(), e.jurisdiction(), null);
    }

    /** Capitalised spans headed by an organisation noun that the knowledge base does not know. */
    private List<Mention> patternOrganizations(List<Token> tokens, boolean[] covered) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token head = tokens.get(i);
            if (!ORG_HEADS.contains(head.text()) || covered[head.start()]) {
                continue;
            }
            // "Liberation Front": the last head of a run closes the name, so it is found once, whole
            if (i + 1 < tokens.size() && ORG_HEADS.contains(tokens.get(i + 1).text())
                    && tokens.get(i + 1).start() <= head.end() + 1 && !covered[tokens.get(i + 1).start()]) {
                continue;
            }
            int first = i;
            int j = i - 1;
            while (j >= 0) {
                Token t = tokens.get(j);
                if (covered[t.start()]) {
                    break;
                }
                if (t.isWord() && t.isCapitalized() && !NOT_NAME_START.contains(t.text())) {
                    first = j;
                } else if (!NAME_GLUE.contains(t.text())) {
                    break;
                }
                j--;
            }
            // a sentence's capitalised first word joined by "of" ("Members of the X Front") is not the name
            while (first < i && sentenceInitial(tokens, first) && NAME_GLUE.contains(tokens.get(first + 1).text())) {
                first++;
                while (first < i && (NAME_GLUE.contains(tokens.get(first).text()) || !tokens.get(first).isCapitalized())) {
                    first++;
                }
            }
            // the name must have at least one capitalised word before the head noun
            if (first == i) {
                continue;
            }
            String name = joinTokens(tokens, first, i);
            out.add(new Mention(slug(name), Entity.ORG, name, tokens.get(first).start(), head.end(), "PATTERN", null, name));
        }
        return out;
    }

    private static boolean sentenceInitial(List<Token> tokens, int k) {
        if (k == 0) {
            return true;
        }
        String prev = tokens.get(k - 1).text();
        return prev.equals(".") || prev.equals("!") || prev.equals("?") || prev.equals("\n");
    }

    private static List<Mention> titledPersons(String text, boolean[] covered) {
        List<Mention> out = new ArrayList<>();
        var m = TITLED_PERSON.matcher(text);
        while (m.find()) {
            int s = m.start(1);
            if (covered[s]) {
                continue;
            }
            String name = m.group(1);
            out.add(new Mention(slug(name), Entity.PER, name, s, m.end(1), "PATTERN", null, name));
        }
        return out;
    }

    /** "The group" refers to the organisation last named before it. */
    private static List<Mention> withCoreference(String text, List<Mention> mentions) {
        List<Mention> out = new ArrayList<>(mentions);
        var m = COREF.matcher(text);
        while (m.find()) {
            Mention antecedent = null;
            for (Mention x : mentions) {
                if (x.start() >= m.start()) {
                    break;
                }
                if (Entity.ORG.equals(x.type())) {
                    antecedent = x;
                }
            }
            if (antecedent != null) {
                out.add(new Mention(antecedent.id(), Entity.ORG, antecedent.name(), m.start(), m.end(), "COREF", null, null));
            }
        }
        out.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return out;
    }

    private static List<Entity> entities(List<Mention> mentions) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Mention> firsts = new HashMap<>();
        Map<String, Set<String>> surfaces = new HashMap<>();
        for (Mention m : mentions) {
            String key = m.type() + "/" + m.id();
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            firsts.putIfAbsent(key, m);
            if (m.surface() != null && !m.surface().equals(m.name()) && !"DEMONYM".equals(m.via())
                    && !"METONYM".equals(m.via())) {
                surfaces.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(m.surface());
            }
        }
        List<Entity> out = new ArrayList<>();
        for (var e : counts.entrySet()) {
            Mention f = firsts.get(e.getKey());
            out.add(new Entity(f.id(), f.type(), f.name(), e.getValue()[0], f.start(),
                    List.copyOf(surfaces.getOrDefault(e.getKey(), Set.of()))));
        }
        return out;
    }

    private static String joinTokens(List<Token> tokens, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k <= to; k++) {
            Token t = tokens.get(k);
            if (k > from && tokens.get(k - 1).end() < t.start()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    public static String slug(String name) {
        return Tokens.fold(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
