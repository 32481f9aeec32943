package io.wirewatch.enrich.entities;

import io.wirewatch.common.model.Entity;
import io.wirewatch.enrich.text.Furniture;
import io.wirewatch.enrich.text.Tokens;
import io.wirewatch.enrich.text.Tokens.Token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links entity mentions to the knowledge base with a longest-match search over a token trie (one
 * pass over the text, like Aho-Corasick over tokens), then finds organisations and persons the
 * knowledge base lacks by pattern, and resolves "the group"-style references in the article.
 *
 * <p>Matching folds diacritics, apostrophes and hyphens ("Cártel"/"Cartel", "Hay'at"/"Hayat",
 * "al-Qaeda"/"al Qaeda"), compares words through the spelling groups of {@code kb/spellings.tsv}
 * ("Qaida"/"Qaeda"), and checks case word by word: an alias word written in capitals (an acronym)
 * matches only capitals, a capitalised word only a capitalised (or all-capitals) one, and a
 * lower-case word any case. Page furniture ({@link Furniture}) is not read.
 */
public final class EntityTagger {

    /** The tagging of one text: every mention in order, and the entities with their counts. */
    public record Tagged(List<Mention> mentions, List<Entity> entities) {}

    /** Nouns that end an organisation's name: "Popular Liberation Front", "Gulf Cartel". */
    private static final Set<String> ORG_HEADS = Set.of("Front", "Movement", "Army", "Brigade", "Brigades",
            "Cartel", "Party", "Group", "Organization", "Organisation", "Battalion", "Battalions", "Legion",
            "Militia", "Militias", "Jamaat", "Jamaah", "Mujahideen", "Martyrs", "Alliance", "Network", "Faction",
            "Union", "Command", "Force", "Forces", "Guard", "Guards", "Resistance", "Liberation", "Committee", "Fighters",
            "Corps", "Division", "Regiment", "Brotherhood", "Emirate", "Caliphate", "Tigers", "Commando",
            "Commandos", "Gang", "Clan", "Mafia", "Collective", "Squad", "Squads");
    /**
     * Words that begin an organisation's name in Arabic, Urdu, Persian, Spanish or Portuguese
     * ("Jaish al-...", "Liwa ...", "Cartel de ..."), compared lower-case and folded.
     */
    private static final Set<String> ORG_PREFIX_HEADS = Set.of("jaish", "jaysh", "liwa", "liwaa", "saraya", "kataib",
            "katibat", "harakat", "harkat", "hizb", "hezb", "jamaat", "jamiat", "jamaah", "jemaah", "ansar", "jund",
            "lashkar", "tehrik", "tehreek", "tahrik", "jabhat", "tanzim", "faylaq", "cartel", "carteles", "frente",
            "ejercito", "movimiento", "partido", "comando", "brigada", "brigadas", "fuerzas", "mara", "majlis");
    /** Words that may stand inside a multi-word name without capitals. */
    private static final Set<String> NAME_GLUE = Set.of("of", "for", "the", "al", "el", "-", "and", "de", "del", "la",
            "ul", "ud", "ut", "wal", "wa", "e", "i", "ad", "an", "ash", "as", "az", "ar", "los", "las", "da", "do",
            "dos", "das", "y", "bin", "ibn", "&");
    /** Head nouns that also stand inside a longer name: "Front for the Liberation of ...". */
    private static final Set<String> INNER_NOUNS = Set.of("Liberation", "Resistance", "Martyrs", "Mujahideen", "Jamaat",
            "Jamaah");
    /** Glue that may follow a head noun to continue a name: "Front for the Liberation of ...". */
    private static final Set<String> CONTINUATION = Set.of("of", "for");
    /** Generic capitalised words that never start an organisation's name. */
    private static final Set<String> NOT_NAME_START = Set.of("The", "A", "An", "This", "That", "These", "Those",
            "His", "Her", "Its", "Their", "Our", "Some", "Many", "Every", "Each", "In", "On", "At", "By", "For", "I",
            "Both", "Several", "Other", "Another", "Any", "Such", "Former", "New", "When", "While", "After", "Before",
            "If", "As", "And", "But", "Of", "From", "With", "To", "Under", "Over");
    /** Capitalised words that are not names: days and months. */
    private static final Set<String> CALENDAR = Set.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");
    /** References to an organisation already named in the article. */
    private static final Pattern COREF = Pattern.compile("(?:the|The) (?:(?:militant|armed|extremist|terrorist|"
            + "Islamist|jihadist|radical|banned|outlawed|insurgent|rebel|criminal|drug|separatist|paramilitary|Sunni|"
            + "Shiite|Shia|Islamic|proscribed|designated) )?(group|movement|militants|organi[sz]ation|outfit|insurgents|"
            + "rebels|jihadists|Islamists|insurgency|cartel|militia|network|faction|party|front)\\b");
    /** Coreferent nouns that must agree with the antecedent's name ("the cartel" needs a "... Cartel"). */
    private static final Set<String> AGREEING_NOUNS = Set.of("cartel", "militia", "network", "faction", "party", "front");
    /** A personal name: capitalised words, with particles such as "al-", "bin", "de", "van". */
    private static final String NAME = "(\\p{Lu}[\\p{L}'\u2019\\-]+(?: (?:(?:al|el|bin|ibn|bint|de|da|van|von|der|del|"
            + "la|le|ul|ud)[ \\-])?\\p{Lu}[\\p{L}'\u2019\\-]+){0,3})";
    /** Titles that put a person's name after them; longer titles first, so "Prosecutor General" wins. */
    private static final List<String> TITLES = List.of("Vice President", "President", "Deputy Prime Minister",
            "Prime Minister", "Foreign Minister", "Interior Minister", "Defence Minister", "Defense Minister",
            "Justice Minister", "Minister", "Chancellor", "Crown Prince", "King", "Queen", "Prince", "Emir", "Sheikh",
            "Sultan", "Secretary of State", "Secretary", "Senator", "Sen.", "Rep.", "Representative", "General", "Gen.",
            "Colonel", "Col.", "Commander", "Director", "Ambassador", "Envoy", "Judge", "Justice", "Prosecutor General",
            "Prosecutor", "Attorney General", "Mayor", "Governor", "Spokesman", "Spokeswoman", "Spokesperson", "Dr.",
            "Mr.", "Mrs.", "Ms.", "Mullah", "spokesman", "spokeswoman", "spokesperson", "leader", "commander", "founder",
            "chief", "emir", "envoy", "minister");
    private static final Pattern TITLED_PERSON = Pattern.compile("(?:" + String.join("|", TITLES.stream()
            .map(Pattern::quote).toList()) + ") " + NAME);
    /** First words of the titles: the pattern is tried only where one of them stands. */
    private static final Set<String> TITLE_FIRST = Set.copyOf(TITLES.stream()
            .map(t -> t.split("[ .]")[0]).toList());

    /** The first letters of {@link #TITLE_FIRST}: most tokens are ruled out by one array read instead of a hash. */
    private static final boolean[] TITLE_INITIALS = new boolean[128];

    static {
        for (String t : TITLE_FIRST) {
            TITLE_INITIALS[t.charAt(0)] = true;
        }
    }

    private final KnowledgeBase kb;
    private final Node root = new Node();
    /**
     * A 65,536-bit filter over the hash codes of the words that can start an alias: most words of a
     * text start none, and are passed over without the lower-casing, spelling and trie look-ups.
     */
    private final long[] firstWords = new long[1 << 10];

    /** An alias with its words as written, for the case check. */
    private record Candidate(KnowledgeBase.Alias alias, List<Token> words) {}

    private static final class Node {
        final Map<String, Node> next = new HashMap<>();
        final List<Candidate> candidates = new ArrayList<>(1);
    }

    public EntityTagger(KnowledgeBase kb) {
        this.kb = kb;
        for (KnowledgeBase.Alias a : kb.aliases()) {
            List<Token> words = matchable(Tokens.tokenize(a.surface()));
            // a leading article is not part of the name: "the Kremlin" is found as "Kremlin"
            if (words.size() > 1 && words.get(0).text().equals("the")) {
                words = words.subList(1, words.size());
            }
            if (words.isEmpty()) {
                continue;
            }
            Node n = root;
            for (Token t : words) {
                n = n.next.computeIfAbsent(key(t), k -> new Node());
            }
            n.candidates.add(new Candidate(a, words));
        }
        // at one node names come before aliases before demonyms before metonyms; ties keep load order
        forEach(root, n -> n.candidates.sort(Comparator.comparingInt(c -> c.alias().kind().ordinal())));
        // every lower-cased spelling whose key starts an alias
        for (String k : root.next.keySet()) {
            markFirstWord(k.hashCode());
        }
        for (Map.Entry<String, String> e : kb.spellingKeys().entrySet()) {
            if (root.next.containsKey(e.getValue())) {
                markFirstWord(e.getKey().hashCode());
            }
        }
    }

    private void markFirstWord(int hash) {
        int b = firstWordBit(hash);
        firstWords[b >>> 6] |= 1L << b;
    }

    private static int firstWordBit(int hash) {
        return (hash ^ (hash >>> 16)) & 0xFFFF;
    }

    /**
     * Whether a word may start an alias, read without lower-casing it or looking up its spelling:
     * false only when no alias starts with it. An ASCII word's lower-case hash is computed in place
     * (it equals {@code String.hashCode} of the lower-cased word); any other word is looked up.
     */
    private boolean mayStartAlias(String folded) {
        int h = 0;
        for (int k = 0; k < folded.length(); k++) {
            char c = folded.charAt(k);
            if (c >= 128) {
                return true;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            h = 31 * h + c;
        }
        int b = firstWordBit(h);
        return (firstWords[b >>> 6] & (1L << b)) != 0;
    }

    private static void forEach(Node n, java.util.function.Consumer<Node> f) {
        f.accept(n);
        for (Node c : n.next.values()) {
            forEach(c, f);
        }
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public Tagged tag(String text) {
        if (text == null || text.isEmpty()) {
            return new Tagged(List.of(), List.of());
        }
        List<Furniture.Span> furniture = Furniture.spans(text);
        List<Token> tokens = new ArrayList<>();
        for (Token t : Tokens.tokenize(text)) {
            if (!Furniture.inAny(furniture, t.start())) {
                tokens.add(t);
            }
        }
        List<Mention> mentions = knowledgeBaseMentions(text, tokens);
        boolean[] covered = new boolean[text.length() + 1];
        cover(covered, mentions);
        List<Mention> patterns = patternOrganizations(text, tokens, covered, mentions);
        mentions.addAll(patterns);
        cover(covered, patterns);
        mentions = withDefinedAcronyms(text, tokens, mentions, covered);
        List<Mention> persons = titledPersons(text, tokens, covered);
        mentions.addAll(persons);
        cover(covered, persons);
        mentions.addAll(surnames(tokens, persons, covered));
        mentions.sort(Comparator.comparingInt(Mention::start));
        mentions = withCoreference(text, mentions, furniture);
        return new Tagged(mentions, entities(mentions));
    }

    /** Longest match over the trie; an ambiguous alias counts only when its entity is named plainly too. */
    private List<Mention> knowledgeBaseMentions(String text, List<Token> tokens) {
        List<Token> words = matchable(tokens);
        String[] keys = new String[words.size()]; // each computed when first needed
        List<Mention> found = new ArrayList<>();
        List<KnowledgeBase.Alias> via = new ArrayList<>();
        for (int i = 0; i < words.size(); ) {
            if (!mayStartAlias(words.get(i).folded())) {
                i++;
                continue;
            }
            Node n = root;
            KnowledgeBase.Alias best = null;
            int bestEnd = -1;
            for (int j = i; j < words.size(); j++) {
                if (keys[j] == null) {
                    keys[j] = key(words.get(j));
                }
                n = n.next.get(keys[j]);
                if (n == null) {
                    break;
                }
                for (Candidate c : n.candidates) {
                    if (caseFits(c.words(), words, i)) {
                        best = c.alias();
                        bestEnd = j;
                        break;
                    }
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            int start = words.get(i).start();
            int end = words.get(bestEnd).end();
            via.add(best);
            found.add(mention(best, start, end).withSurface(text.substring(start, end)));
            i = bestEnd + 1;
        }
        Set<String> named = new HashSet<>();
        for (KnowledgeBase.Alias a : via) {
            if (!a.ambiguous()) {
                named.add(a.entry().id());
            }
        }
        List<Mention> out = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            if (!via.get(k).ambiguous() || named.contains(via.get(k).entry().id())) {
                out.add(found.get(k));
            }
        }
        return out;
    }

    /** Hyphens and dashes are not matched: "Islamic State-Khorasan" reads as "Islamic State Khorasan". */
    private static List<Token> matchable(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (!t.folded().equals("-")) {
                out.add(t);
            }
        }
        return out;
    }

    private String key(Token t) {
        return kb.spellingKey(t.folded().toLowerCase(Locale.ROOT));
    }

    /** The case check, word by word, of an alias against the text words from {@code from}. */
    private static boolean caseFits(List<Token> alias, List<Token> text, int from) {
        for (int k = 0; k < alias.size(); k++) {
            String a = alias.get(k).text();
            String t = text.get(from + k).text();
            if (!Character.isLetter(a.charAt(0))) {
                continue;
            }
            if (isAcronym(a)) {
                if (!allCapitals(t)) {
                    return false;
                }
            } else if (innerCapital(a)) {
                // "LeT", "AfD": mixed case is part of the form ("Let" is a word)
                if (!t.equals(a) && !allCapitals(t)) {
                    return false;
                }
            } else if (Character.isUpperCase(a.charAt(0)) && !Character.isUpperCase(t.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean innerCapital(String w) {
        for (int k = 1; k < w.length(); k++) {
            if (Character.isUpperCase(w.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAcronym(String w) {
        return w.length() >= 2 && allCapitals(w);
    }

    private static boolean allCapitals(String w) {
        boolean letter = false;
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return false;
                }
                letter = true;
            }
        }
        return letter;
    }

    private static Mention mention(KnowledgeBase.Alias a, int start, int end) {
        KnowledgeBase.Entry e = a.entry();
        return new Mention(e.id(), e.type(), e.name(), start, end, a.kind().name(), e.jurisdiction(), null);
    }

    private static void cover(boolean[] covered, List<Mention> mentions) {
        for (Mention m : mentions) {
            for (int c = m.start(); c < m.end(); c++) {
                covered[c] = true;
            }
        }
    }

    /**
     * Capitalised spans the knowledge base does not know: ending in a head noun ("... Liberation
     * Front", optionally continued by "of"/"for" and capitalised words), or starting with a prefix head
     * ("Jaish al-...", "Cartel de ..."). A place named inside the span ("... Army of Iraq") is part of the name.
     */
    private List<Mention> patternOrganizations(String text, List<Token> tokens, boolean[] covered, List<Mention> kbMentions) {
        List<Mention> out = new ArrayList<>();
        Set<Integer> absorbed = new HashSet<>();
        // a state named inside an organisation's name ("Syrian Democratic Forces", "Army of Iraq") is part of it
        boolean[] place = new boolean[text.length() + 1];
        for (Mention m : kbMentions) {
            if (Entity.LOC.equals(m.type()) && !"METONYM".equals(m.via())) {
                for (int c = m.start(); c < m.end(); c++) {
                    place[c] = true;
                }
            }
        }
        int lastEnd = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token head = tokens.get(i);
            if (head.start() < lastEnd || covered[head.start()] || !head.isWord() || !head.isCapitalized()) {
                continue;
            }
            int[] span = ORG_HEADS.contains(head.text()) ? suffixHeaded(text, tokens, covered, place, i)
                    : ORG_PREFIX_HEADS.contains(Tokens.fold(head.text()).toLowerCase(Locale.ROOT))
                    ? prefixHeaded(text, tokens, covered, i) : null;
            if (span == null) {
                continue;
            }
            int first = span[0];
            int last = span[1];
            String name = joinTokens(tokens, first, last);
            int s = tokens.get(first).start();
            int e = tokens.get(last).end();
            for (int k = 0; k < kbMentions.size(); k++) {
                Mention m = kbMentions.get(k);
                if (m.start() >= s && m.end() <= e) {
                    absorbed.add(k);
                }
            }
            out.add(new Mention(slug(name), Entity.ORG, name, s, e, "PATTERN", null, name));
            lastEnd = e;
            i = last;
        }
        // places inside a found name are not mentions of the place
        for (int k = kbMentions.size() - 1; k >= 0; k--) {
            if (absorbed.contains(k)) {
                kbMentions.remove(k);
            }
        }
        return out;
    }

    private static int[] suffixHeaded(String text, List<Token> tokens, boolean[] covered, boolean[] place, int i) {
        // "Liberation Front": the last head of a run closes the name, so it is found once, whole
        if (i + 1 < tokens.size() && ORG_HEADS.contains(tokens.get(i + 1).text()) && adjacent(tokens, i, i + 1)
                && !covered[tokens.get(i + 1).start()]) {
            return null;
        }
        int first = i;
        for (int j = i - 1; j >= 0 && sameLine(text, tokens, j, j + 1); j--) {
            Token t = tokens.get(j);
            if (covered[t.start()] && !place[t.start()]) {
                break;
            }
            if (t.isWord() && t.isCapitalized() && !NOT_NAME_START.contains(t.text()) && !CALENDAR.contains(t.text())) {
                first = j;
            } else if (t.text().equals("and") && j + 1 < i && tokens.get(j + 1).text().equals("the")) {
                // "the Times and the Union": two names
                break;
            } else if (t.folded().equals("'s") && (j == 0 || covered[tokens.get(j - 1).start()])) {
                // "People's Liberation Army" is a name; "Russia's National Army" is Russia's
                break;
            } else if (!NAME_GLUE.contains(t.text()) && !t.folded().equals("'s")) {
                break;
            }
        }
        // a sentence's capitalised first word joined by "of" ("Members of the X Front") is not the name
        while (first < i && sentenceInitial(tokens, first) && NAME_GLUE.contains(tokens.get(first + 1).text())) {
            first++;
            while (first < i && (NAME_GLUE.contains(tokens.get(first).text()) || !tokens.get(first).isCapitalized())) {
                first++;
            }
        }
        // a name that is only a place and the head ("Russian Army") is the state's own body, not a new name
        boolean ownWord = false;
        for (int k = first; k < i; k++) {
            Token t = tokens.get(k);
            if (t.isWord() && t.isCapitalized() && !place[t.start()]) {
                ownWord = true;
            }
        }
        if (!ownWord) {
            first = i;
        }
        int last = continuation(text, tokens, covered, place, i, first < i);
        // the name needs a capitalised word before the head, or a continuation after it ("Army of Islam")
        if (first == i && last == i) {
            return null;
        }
        return new int[] {first, last};
    }

    /** "Front for the Liberation of the Enclave": glue then capitalised words after the head. */
    private static int continuation(String text, List<Token> tokens, boolean[] covered, boolean[] place, int i,
                                    boolean named) {
        int j = i + 1;
        if (j >= tokens.size() || !CONTINUATION.contains(tokens.get(j).text()) || !sameLine(text, tokens, i, j)) {
            return i;
        }
        int last = i;
        boolean ownWord = false;
        for (; j < tokens.size() && sameLine(text, tokens, j - 1, j); j++) {
            Token t = tokens.get(j);
            if (covered[t.start()] && !place[t.start()]) {
                break;
            }
            // "Fighters of the Popular Front": a second head closes a name of its own, this is not one
            if (ORG_HEADS.contains(t.text()) && !INNER_NOUNS.contains(t.text())) {
                return i;
            }
            if (t.isWord() && t.isCapitalized() && !CALENDAR.contains(t.text()) && !NOT_NAME_START.contains(t.text())) {
                last = j;
                ownWord |= !place[t.start()];
            } else if (t.text().equals("and") && last == j - 1 && ownWord && j + 1 < tokens.size()
                    && joinsName(tokens, j + 1, covered) && sameLine(text, tokens, j, j + 1)) {
                // "Group for Preaching and Combat": "and" between two words of the name's own, nothing known after it
                continue;
            } else if (!NAME_GLUE.contains(t.text()) || t.text().equals("and")) {
                break;
            }
        }
        // "Army of Russia" alone is the state's army; "Islamic Army of Iraq" and "Army of Islam" are names
        return ownWord || named ? last : i;
    }

    /**
     * Whether "and" may join the word at {@code k} to a name: capitalised, not a known entity (a place
     * too), not a head noun, and not a title before a name ("and Justice Minister ...", but "and Justice").
     */
    private static boolean joinsName(List<Token> tokens, int k, boolean[] covered) {
        Token t = tokens.get(k);
        boolean titleBeforeName = TITLE_FIRST.contains(t.text()) && k + 1 < tokens.size()
                && tokens.get(k + 1).isCapitalized();
        return t.isWord() && t.isCapitalized() && !covered[t.start()] && !ORG_HEADS.contains(t.text())
                && !CALENDAR.contains(t.text()) && !NOT_NAME_START.contains(t.text()) && !titleBeforeName;
    }

    private static int[] prefixHeaded(String text, List<Token> tokens, boolean[] covered, int i) {
        int last = i;
        for (int j = i + 1; j < tokens.size() && sameLine(text, tokens, j - 1, j); j++) {
            Token t = tokens.get(j);
            if (covered[t.start()]) {
                break;
            }
            if (t.isWord() && t.isCapitalized() && !CALENDAR.contains(t.text()) && !NOT_NAME_START.contains(t.text())) {
                last = j;
            } else if (!NAME_GLUE.contains(Tokens.fold(t.text()).toLowerCase(Locale.ROOT)) || t.text().equals("and")
                    || t.text().equals("of") || t.text().equals("for") || t.text().equals("the")) {
                break;
            }
        }
        return last == i ? null : new int[] {i, last};
    }

    private static boolean adjacent(List<Token> tokens, int a, int b) {
        return tokens.get(b).start() <= tokens.get(a).end() + 1;
    }

    private static boolean sameLine(String text, List<Token> tokens, int a, int b) {
        // only the gap between the two tokens is read: a scan to the next line break would cost a paragraph
        for (int k = tokens.get(a).end(); k < tokens.get(b).start(); k++) {
            if (text.charAt(k) == '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean sentenceInitial(List<Token> tokens, int k) {
        if (k == 0) {
            return true;
        }
        String prev = tokens.get(k - 1).text();
        return prev.equals(".") || prev.equals("!") || prev.equals("?") || prev.equals("\n");
    }

    /**
     * "the Coastal Liberation Front (CLF)": an acronym defined in parentheses after an organisation
     * names it everywhere in the article, ahead of what the knowledge base says the acronym means.
     */
    private static List<Mention> withDefinedAcronyms(String text, List<Token> tokens, List<Mention> mentions,
                                                     boolean[] covered) {
        Map<String, Mention> defined = new LinkedHashMap<>();
        for (Mention m : mentions) {
            if (!Entity.ORG.equals(m.type())) {
                continue;
            }
            Matcher d = DEFINITION.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 20));
            if (d.lookingAt()) {
                defined.putIfAbsent(d.group(1), m);
            }
        }
        if (defined.isEmpty()) {
            return mentions;
        }
        List<Mention> out = new ArrayList<>();
        for (Mention m : mentions) {
            Mention owner = defined.get(text.substring(m.start(), m.end()));
            if (owner == null || owner.id().equals(m.id())) {
                out.add(m);
            }
        }
        Set<Integer> starts = new HashSet<>();
        for (Mention m : out) {
            starts.add(m.start());
        }
        for (Token t : tokens) {
            Mention owner = defined.get(t.text());
            if (owner == null || starts.contains(t.start())) {
                continue;
            }
            boolean insideOther = false;
            for (Mention m : out) {
                if (m.start() <= t.start() && t.end() <= m.end()) {
                    insideOther = true;
                    break;
                }
            }
            if (!insideOther) {
                out.add(new Mention(owner.id(), owner.type(), owner.name(), t.start(), t.end(), "DEFINED",
                        owner.jurisdiction(), t.text()));
                for (int c = t.start(); c < t.end(); c++) {
                    covered[c] = true;
                }
            }
        }
        out.sort(Comparator.comparingInt(Mention::start));
        return out;
    }

    private static final Pattern DEFINITION = Pattern.compile("\\s*\\(((?=[\\p{Lu}\\d-]*\\p{Lu}[\\p{Lu}\\d-]*\\p{Lu})"
            + "\\p{Lu}[\\p{Lu}\\d-]{1,9})\\)");

    private static final Pattern POSSESSIVE = Pattern.compile("['\u2019]s\\b");
    /** Words of a title or an office that a personal name does not start with. */
    private static final Set<String> TITLE_WORDS = Set.of("General", "Minister", "Secretary", "President", "Deputy",
            "Office", "Ministry", "Court", "Council", "Prosecutor", "Attorney", "Director", "Commander", "Chief",
            "Foreign", "Interior", "Defence", "Defense", "Justice", "State", "Prime", "Vice", "Supreme", "Federal", "Manager",
            "Member", "Ranking", "Department", "Agency", "Committee", "Bureau", "Service", "Staff", "Counsel", "Officer",
            "Executive", "Administration", "House", "Senate", "Government", "Police", "Army", "Navy", "Military");

    private static List<Mention> titledPersons(String text, List<Token> tokens, boolean[] covered) {
        List<Mention> out = new ArrayList<>();
        Matcher m = TITLED_PERSON.matcher(text);
        int after = 0;
        for (Token title : tokens) {
            char c0 = title.text().charAt(0);
            if (title.start() < after || c0 >= 128 || !TITLE_INITIALS[c0] || !TITLE_FIRST.contains(title.text())
                    || !m.region(title.start(), text.length()).lookingAt()) {
                continue;
            }
            int s = m.start(1);
            after = m.end(1);
            if (covered[s]) {
                continue;
            }
            // the name ends where a known entity or a calendar word begins
            int e = s;
            for (Token t : Tokens.tokenize(m.group(1))) {
                int ts = s + t.start();
                if (covered[ts] || CALENDAR.contains(t.text())) {
                    break;
                }
                e = s + t.end();
            }
            String name = text.substring(s, e);
            // "Prosecutor General's Office" names an office; "General Jane Doe" after a title is "Jane Doe"
            if (POSSESSIVE.matcher(name).find()) {
                continue;
            }
            while (!name.isEmpty() && TITLE_WORDS.contains(name.split(" ", 2)[0])) {
                int sp = name.indexOf(' ');
                s += sp < 0 ? name.length() : sp + 1;
                name = sp < 0 ? "" : name.substring(sp + 1);
            }
            name = name.replaceAll("[\\-'\u2019]+$", "");
            if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
                continue;
            }
            // after a lower-case role noun ("chief", "leader") one capitalised word is too weak a sign of a name
            boolean lowerTitle = Character.isLowerCase(text.charAt(m.start()));
            if (lowerTitle && name.indexOf(' ') < 0) {
                continue;
            }
            out.add(new Mention(slug(name), Entity.PER, name, s, s + name.length(), "PATTERN", null, name));
        }
        return out;
    }

    /** "Interior Minister Jane Doe ... Doe said": a found person's surname alone, later in the article. */
    private static List<Mention> surnames(List<Token> tokens, List<Mention> persons, boolean[] covered) {
        Map<String, Mention> bySurname = new HashMap<>();
        for (Mention p : persons) {
            List<Token> parts = Tokens.tokenize(p.name());
            if (parts.size() >= 2) {
                bySurname.putIfAbsent(parts.get(parts.size() - 1).text(), p);
            }
        }
        List<Mention> out = new ArrayList<>();
        for (Token t : tokens) {
            Mention p = bySurname.get(t.text());
            if (p != null && t.start() > p.start() && !covered[t.start()]) {
                out.add(new Mention(p.id(), Entity.PER, p.name(), t.start(), t.end(), "SURNAME", null, t.text()));
            }
        }
        return out;
    }

    /**
     * "The group" refers to the organisation last named before it; a noun that a name can carry
     * ("the cartel", "the party") prefers the last organisation whose name has it, and needs one.
     */
    private static List<Mention> withCoreference(String text, List<Mention> mentions, List<Furniture.Span> furniture) {
        List<Mention> out = new ArrayList<>(mentions);
        Matcher m = COREF.matcher(text);
        // the pattern is tried only where "the" stands, outside furniture
        for (int at = text.indexOf("he ", 1); at >= 0; at = text.indexOf("he ", at + 3)) {
            char t = text.charAt(at - 1);
            if ((t != 't' && t != 'T') || (at > 1 && Character.isLetterOrDigit(text.charAt(at - 2)))
                    || !m.region(at - 1, text.length()).lookingAt() || Furniture.inAny(furniture, m.start())) {
                continue;
            }
            String noun = m.group(1).toLowerCase(Locale.ROOT);
            Mention closest = null;
            Mention agreeing = null;
            for (Mention x : mentions) {
                if (x.start() >= m.start()) {
                    break;
                }
                if (Entity.ORG.equals(x.type())) {
                    closest = x;
                    if (carries(x, noun)) {
                        agreeing = x;
                    }
                }
            }
            Mention antecedent = agreeing != null ? agreeing : AGREEING_NOUNS.contains(noun) ? null : closest;
            if (antecedent != null) {
                out.add(new Mention(antecedent.id(), Entity.ORG, antecedent.name(), m.start(), m.end(), "COREF", null, null));
            }
        }
        out.sort(Comparator.comparingInt(Mention::start));
        return out;
    }

    private static boolean carries(Mention x, String noun) {
        return hasWord(x.name(), noun) || (x.surface() != null && hasWord(x.surface(), noun));
    }

    /** Whether a word of {@code s} starts with {@code noun}, ignoring case ("Militias" has "militia"). */
    private static boolean hasWord(String s, String noun) {
        for (int k = s.length() - noun.length(); k >= 0; k--) {
            if ((k == 0 || !Character.isLetter(s.charAt(k - 1))) && s.regionMatches(true, k, noun, 0, noun.length())) {
                return true;
            }
        }
        return false;
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
                surfaces.computeIfAbsent(key, k -> new TreeSet<>()).add(m.surface());
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
        // apostrophes join ("People's" is "peoples"), any other run of non-letters is one hyphen
        return Tokens.fold(name).toLowerCase(Locale.ROOT).replaceAll("['\u2019\u2018`\u02BC]", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
