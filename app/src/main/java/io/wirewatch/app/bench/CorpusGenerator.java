package io.wirewatch.app.bench;

import io.wirewatch.common.model.RawArticle;
import io.wirewatch.enrich.entities.KnowledgeBase;
import io.wirewatch.ingest.ArticleIds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic synthetic news corpus for {@code wirewatch bench}: the same seed and size give the
 * same articles, byte for byte. Articles are generated lazily, one at a time, so a corpus of any size
 * costs a few megabytes of memory.
 *
 * <p>What makes it realistic enough to exercise enrich and aggregate the way a day of real news would:
 * <ul>
 *   <li>about 200 invented outlets, with a skewed (Zipf-like) share of the output;</li>
 *   <li>300–1,500 words per article of varied English prose from sentence templates, in paragraphs;</li>
 *   <li>events covered by one outlet or by 2–8 outlets over a few days, interleaved in the stream;</li>
 *   <li>about 10% wire copies: the text of another outlet's report with small edits;</li>
 *   <li>about 30% of events about an organisation's legal status (designated, banned, delisted, a
 *       delisting pending, sanctioned) naming organisations, jurisdictions and officials from the
 *       knowledge base, with dates such as "on March 3" or "in 2019"; the rest general news that
 *       still names states, bodies and officials, and sometimes an organisation in passing;</li>
 *   <li>publish times spread over 30 days.</li>
 * </ul>
 */
public final class CorpusGenerator implements Iterator<RawArticle> {

    /** First day of the corpus' 30-day publication window. */
    public static final LocalDate START = LocalDate.of(2025, 3, 1);
    public static final int DAYS = 30;

    private static final double STATUS_EVENT_SHARE = 0.30;
    private static final double SINGLE_REPORT_SHARE = 0.70;
    /** Of the follow-up reports of an event, the share that are wire copies: ~10% of all articles. */
    private static final double COPY_SHARE_OF_FOLLOWUPS = 0.19;
    private static final int MAX_OPEN_EVENTS = 64;

    private final long total;
    private final SplittableRandom rng;
    private final Names names;
    private final List<Event> open = new ArrayList<>();
    private long produced;
    private long eventSeq;
    private long copies;
    private long followups;
    private long words;
    private long lastEventId;

    public CorpusGenerator(long seed, long total) {
        this(seed, total, Names.fromKnowledgeBase());
    }

    CorpusGenerator(long seed, long total, Names names) {
        this.total = total;
        this.rng = new SplittableRandom(seed);
        this.names = names;
    }

    /** The corpus as a sequential, lazily generated stream. */
    public static Stream<RawArticle> stream(long seed, long total) {
        CorpusGenerator g = new CorpusGenerator(seed, total);
        return StreamSupport.stream(Spliterators.spliterator(g, total, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public RawArticle next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        produced++;
        boolean openNew = open.isEmpty() || (open.size() < MAX_OPEN_EVENTS && rng.nextDouble() < 0.45);
        RawArticle a;
        if (openNew) {
            Event e = newEvent();
            a = firstReport(e);
            lastEventId = e.id;
            if (e.remaining > 0) {
                open.add(e);
            }
        } else {
            int i = rng.nextInt(open.size());
            Event e = open.get(i);
            a = followUp(e);
            lastEventId = e.id;
            if (--e.remaining <= 0) {
                open.set(i, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
        }
        return a;
    }

    /** Counters of what has been generated so far, for the bench log. */
    public String summary() {
        return String.format(Locale.ROOT, "%d articles, %d events, %.1f%% wire copies, %.1f%% follow-up reports of a "
                        + "multi-outlet story, %.0f words per article on average",
                produced, eventSeq, 100.0 * copies / Math.max(1, produced), 100.0 * followups / Math.max(1, produced),
                (double) words / Math.max(1, produced));
    }

    /** The event the last article returned by {@link #next()} reports on: its story, for scoring clustering. */
    public long lastEventId() {
        return lastEventId;
    }

    public long copies() {
        return copies;
    }

    // ---- events -------------------------------------------------------------------------------------

    private static final class Event {
        long id;
        long seed;
        boolean status;
        int day;
        int remaining;
        Names.Org org;
        Names.Jur jur;
        Names.Person person;
        String topic;
        int kind;
        /** Names only this story uses (a town, a spokesperson, a company, a project), as real stories have. */
        String town;
        String spokesperson;
        String company;
        String project;
        String firstTitle;
        String firstText;
        int firstOutlet;
        List<Integer> outlets = new ArrayList<>();
    }

    private Event newEvent() {
        Event e = new Event();
        e.id = ++eventSeq;
        e.seed = rng.nextLong();
        e.status = rng.nextDouble() < STATUS_EVENT_SHARE;
        e.day = rng.nextInt(DAYS);
        e.remaining = rng.nextDouble() < SINGLE_REPORT_SHARE ? 0 : 1 + rng.nextInt(7); // 2..8 reports in all
        e.org = names.org(rng);
        e.jur = names.jur(rng);
        e.person = names.personOf(e.jur, rng);
        e.topic = pick(rng, Text.TOPICS);
        e.kind = rng.nextInt(Text.STATUS_KINDS);
        e.town = Text.coined(rng, 2 + rng.nextInt(2));
        e.spokesperson = Names.FIRST[rng.nextInt(Names.FIRST.length)] + " " + Text.coined(rng, 2 + rng.nextInt(2));
        e.company = Text.coined(rng, 2) + " " + pick(rng, Text.COMPANY_KIND);
        e.project = Text.coined(rng, 2 + rng.nextInt(2));
        return e;
    }

    private RawArticle firstReport(Event e) {
        int outlet = names.outlet(rng);
        e.firstOutlet = outlet;
        e.outlets.add(outlet);
        long minute = e.day * 1440L + rng.nextInt(1440);
        SplittableRandom r = new SplittableRandom(e.seed);
        String title = Text.headline(e, r, names);
        String text = Text.article(e, r, names, 300 + rng.nextInt(1201), minute);
        e.firstTitle = title;
        e.firstText = text;
        return article(outlet, title, text, minute, e.id, 0);
    }

    private RawArticle followUp(Event e) {
        followups++;
        int outlet = names.outlet(rng);
        for (int tries = 0; tries < 5 && e.outlets.contains(outlet); tries++) {
            outlet = names.outlet(rng);
        }
        e.outlets.add(outlet);
        // reported over a few days after the event
        long minute = Math.min(DAYS * 1440L - 1, e.day * 1440L + rng.nextInt(1440 * (1 + rng.nextInt(4))));
        String title;
        String text;
        if (rng.nextDouble() < COPY_SHARE_OF_FOLLOWUPS) {
            copies++;
            title = Text.editHeadline(e.firstTitle, rng);
            text = Text.editCopy(e.firstText, rng, names.outletName(e.firstOutlet));
        } else {
            SplittableRandom r = new SplittableRandom(rng.nextLong());
            title = Text.headline(e, r, names);
            text = Text.article(e, r, names, 300 + rng.nextInt(1201), minute);
        }
        return article(outlet, title, text, minute, e.id, e.outlets.size() - 1);
    }

    private RawArticle article(int outlet, String title, String text, long minute, long eventId, int report) {
        Instant published = START.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(minute * 60 + rng.nextInt(60));
        Instant fetched = published.plusSeconds(60 + rng.nextInt(3600));
        LocalDate d = LocalDate.ofInstant(published, ZoneOffset.UTC);
        String url = String.format(Locale.ROOT, "https://%s/%04d/%02d/%02d/%s-%d%s", names.outletHost(outlet),
                d.getYear(), d.getMonthValue(), d.getDayOfMonth(), Text.slug(title), eventId, report == 0 ? "" : "-" + report);
        String author = rng.nextInt(5) == 0 ? null : names.author(rng);
        words += Text.countWords(text);
        return new RawArticle(ArticleIds.fromCanonicalUrl(url), url, url, names.outletName(outlet), title, author,
                published.toString(), fetched.toString(), "en", text);
    }

    static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    // ---- names: outlets, authors, knowledge-base entities ------------------------------------------------

    /** Outlets and authors invented here; organisations, jurisdictions and people from the knowledge base. */
    static final class Names {
        record Org(String name, List<String> aliases) {}

        record Jur(String code, String name, String demonym, boolean body) {}

        record Person(String name, String role) {}

        private static final String[] TOWNS = {"Northbridge", "Eastvale", "Harrowgate", "Linden", "Marlow", "Kestrel",
                "Ashford", "Brightwater", "Carrow", "Dunmore", "Elmstead", "Fairhaven", "Glenrock", "Holloway",
                "Ironbay", "Juniper", "Kingsport", "Lakemoor", "Millbrook", "Newhall", "Oakridge", "Pinecrest",
                "Queensbury", "Redcliff", "Stonebridge", "Thornfield", "Upton", "Westmere"};
        private static final String[] MASTHEADS = {"Herald", "Courier", "Tribune", "Observer", "Dispatch", "Ledger",
                "Post", "Chronicle", "Gazette", "Monitor", "Wire", "Times", "Sentinel", "Review", "Record", "Bulletin"};
        static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Elena", "Farid", "Grace", "Hugo",
                "Irina", "James", "Kemal", "Laura", "Marco", "Nadia", "Omar", "Paula", "Rafael", "Sara", "Tomas",
                "Uma", "Victor", "Wen", "Yusuf", "Zofia"};
        private static final String[] LAST = {"Adler", "Baker", "Castro", "Dimitrov", "Evans", "Fischer", "Garcia",
                "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
                "Quinn", "Rossi", "Sato", "Tanaka", "Ueda", "Varga", "Walsh", "Yilmaz"};

        final List<String> outletNames = new ArrayList<>();
        final List<String> outletHosts = new ArrayList<>();
        final double[] outletCdf;
        final List<Org> orgs = new ArrayList<>();
        final List<Jur> jurs = new ArrayList<>();
        final List<Jur> states = new ArrayList<>();
        final java.util.Map<String, List<Person>> peopleByJur = new java.util.HashMap<>();
        final List<Person> people = new ArrayList<>();

        static Names fromKnowledgeBase() {
            return new Names(KnowledgeBase.loadDefault());
        }

        Names(KnowledgeBase kb) {
            SplittableRandom r = new SplittableRandom(0x5eed);
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            while (seen.size() < 200) {
                seen.add(TOWNS[r.nextInt(TOWNS.length)] + " " + MASTHEADS[r.nextInt(MASTHEADS.length)]);
            }
            for (String n : seen) {
                outletNames.add("The " + n);
                outletHosts.add("www." + n.toLowerCase(Locale.ROOT).replace(" ", "") + (r.nextInt(3) == 0 ? ".net" : ".com"));
            }
            // a few outlets publish most of the news
            outletCdf = new double[outletNames.size()];
            double sum = 0;
            for (int i = 0; i < outletCdf.length; i++) {
                sum += 1.0 / Math.pow(i + 1, 0.8);
                outletCdf[i] = sum;
            }
            for (int i = 0; i < outletCdf.length; i++) {
                outletCdf[i] /= sum;
            }
            java.util.Map<String, List<String>> aliases = new java.util.HashMap<>();
            java.util.Map<String, String> demonyms = new java.util.HashMap<>();
            for (KnowledgeBase.Alias a : kb.aliases()) {
                if (a.ambiguous()) {
                    continue;
                }
                if (a.kind() == KnowledgeBase.AliasKind.DEMONYM) {
                    demonyms.putIfAbsent(a.entry().id(), a.surface());
                } else if (a.kind() != KnowledgeBase.AliasKind.METONYM) {
                    aliases.computeIfAbsent(a.entry().id(), k -> new ArrayList<>()).add(a.surface());
                }
            }
            for (KnowledgeBase.Entry e : kb.entries().values()) {
                switch (e.type()) {
                    case "ORG" -> orgs.add(new Org(e.name(), aliases.getOrDefault(e.id(), List.of(e.name()))));
                    case "LOC" -> {
                        boolean body = !"STATE".equals(e.kind());
                        Jur j = new Jur(e.id(), e.name(), demonyms.get(e.id()), body);
                        jurs.add(j);
                        if (!body) {
                            states.add(j);
                        }
                    }
                    case "PER" -> {
                        Person p = new Person(e.name(), e.kind() == null ? "official" : e.kind().replace('-', ' '));
                        people.add(p);
                        if (e.jurisdiction() != null) {
                            peopleByJur.computeIfAbsent(e.jurisdiction(), k -> new ArrayList<>()).add(p);
                        }
                    }
                    default -> { }
                }
            }
            if (orgs.isEmpty() || states.isEmpty() || people.isEmpty()) {
                throw new IllegalStateException("the knowledge base has no organisations, states or persons");
            }
        }

        int outlet(SplittableRandom r) {
            double u = r.nextDouble();
            int i = java.util.Arrays.binarySearch(outletCdf, u);
            return Math.min(outletCdf.length - 1, i >= 0 ? i : -i - 1);
        }

        String outletName(int i) {
            return outletNames.get(i);
        }

        String outletHost(int i) {
            return outletHosts.get(i);
        }

        String author(SplittableRandom r) {
            return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
        }

        Org org(SplittableRandom r) {
            // the first organisations of the file are the ones most often in the news
            int n = orgs.size();
            int i = r.nextInt(3) == 0 ? r.nextInt(n) : r.nextInt(Math.min(n, 40));
            return orgs.get(i);
        }

        /** Mostly states (a state lists most organisations), sometimes the UN or the EU or another body. */
        Jur jur(SplittableRandom r) {
            if (r.nextInt(6) == 0) {
                return jurs.get(r.nextInt(jurs.size()));
            }
            return states.get(r.nextInt(states.size()));
        }

        Jur state(SplittableRandom r) {
            return states.get(r.nextInt(states.size()));
        }

        Person personOf(Jur j, SplittableRandom r) {
            List<Person> ps = peopleByJur.get(j.code());
            if (ps == null || ps.isEmpty()) {
                return people.get(r.nextInt(people.size()));
            }
            return ps.get(r.nextInt(ps.size()));
        }

        Person person(SplittableRandom r) {
            return people.get(r.nextInt(people.size()));
        }
    }

    // ---- text ---------------------------------------------------------------------------------------

    /** Sentence templates and the small edits that turn a wire story into another outlet's copy. */
    static final class Text {

        static final int STATUS_KINDS = 6; // designated, listing pending, delisting pending, delisted, sanctioned, court

        static final String[] TOPICS = {"trade", "energy", "security", "election", "budget", "migration", "climate",
                "health", "transport", "farming", "banking", "housing", "education", "technology", "water", "defence"};
        private static final String[] OFFICIALS = {"officials", "diplomats", "analysts", "lawmakers", "economists",
                "ministers", "observers", "local authorities", "industry groups", "human rights groups", "prosecutors"};
        private static final String[] SAY = {"said", "told reporters", "said in a statement", "wrote in a report",
                "told a news conference", "said on Tuesday", "said late on Friday", "confirmed", "noted"};
        private static final String[] ADJ = {"new", "long-awaited", "controversial", "modest", "sweeping", "limited",
                "temporary", "ambitious", "delayed", "revised", "regional", "national"};
        private static final String[] THING = {"agreement", "plan", "package", "proposal", "reform", "programme",
                "framework", "deal", "bill", "strategy", "review", "investigation"};
        private static final String[] PLACE = {"the capital", "the border region", "the northern provinces",
                "the port city", "rural districts", "the southern coast", "the industrial belt", "several cities"};
        private static final String[] TIME = {"this week", "last month", "on Monday", "on Wednesday", "earlier this year",
                "since January", "over the weekend", "in recent days", "next month", "by the end of the year"};
        private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"};
        private static final String[] GROUP_NOUN = {"terrorist organisation", "extremist organisation",
                "terrorist group", "extremist group", "banned organisation"};

        private Text() {}

        static String headline(Event e, SplittableRandom r, Names n) {
            String org = alias(e.org, r);
            String jur = e.jur.name();
            if (!e.status) {
                return switch (r.nextInt(5)) {
                    case 0 -> jur + " unveils " + pick(r, ADJ) + " " + e.topic + " " + pick(r, THING);
                    case 1 -> e.person.name() + " defends " + e.topic + " " + pick(r, THING) + " amid criticism";
                    case 2 -> "Talks on " + e.topic + " resume in " + jur;
                    case 3 -> cap(e.topic) + " " + pick(r, THING) + " faces delays in " + jur;
                    default -> "What the " + pick(r, ADJ) + " " + e.topic + " " + pick(r, THING) + " means for " + jur;
                };
            }
            return switch (e.kind) {
                case 0 -> r.nextBoolean() ? jur + " designates " + org + " " + a(pick(r, GROUP_NOUN))
                        : jur + " bans " + org;
                case 1 -> jur + " moves to list " + org + " as " + pick(r, GROUP_NOUN);
                case 2 -> r.nextBoolean() ? "Court in " + jur + " to hear bid to lift ban on " + org
                        : jur + " proposes removing " + org + " from terror list";
                case 3 -> r.nextBoolean() ? jur + " lifts ban on " + org : jur + " removes " + org + " from its list";
                case 4 -> jur + " imposes sanctions on " + org;
                default -> r.nextBoolean() ? "Supreme court upholds ban on " + org + " in " + jur
                        : jur + " court revokes designation of " + org;
            };
        }

        static String article(Event e, SplittableRandom r, Names n, int targetWords, long minute) {
            StringBuilder sb = new StringBuilder(targetWords * 7);
            int w = 0;
            int sentencesInPara = 0;
            int paraLen = 2 + r.nextInt(4);
            boolean lead = true;
            LocalDate day = START.plusDays(minute / 1440);
            while (w < targetWords) {
                String s;
                if (lead) {
                    s = e.status ? statusSentence(e, r, n, day, true) : fillerLead(e, r, n, day);
                    lead = false;
                } else if (e.status && r.nextInt(10) == 0) {
                    s = statusSentence(e, r, n, day, false);
                } else if (!e.status && r.nextInt(25) == 0) {
                    s = passingMention(r, n, day);
                } else {
                    s = filler(e, r, n, day);
                }
                if (sentencesInPara > 0) {
                    sb.append(' ');
                }
                sb.append(s);
                w += countWords(s);
                if (++sentencesInPara >= paraLen) {
                    sb.append("\n\n");
                    sentencesInPara = 0;
                    paraLen = 2 + r.nextInt(4);
                }
            }
            int end = sb.length();
            while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
                end--;
            }
            sb.setLength(end);
            return sb.toString();
        }

        private static String statusSentence(Event e, SplittableRandom r, Names n, LocalDate day, boolean lead) {
            String org = alias(e.org, r);
            String jur = e.jur.name();
            String dem = e.jur.demonym() != null ? e.jur.demonym() : jur;
            String date = dateMention(r, day);
            String past = pastDate(r, day);
            String gn = pick(r, GROUP_NOUN);
            String who = e.person.name();
            String role = e.person.role();
            // the story's own fact, or background: an earlier listing, a pending case, sanctions
            int k = (lead || r.nextBoolean()) ? e.kind : r.nextInt(STATUS_KINDS);
            return switch (k * 3 + r.nextInt(3)) {
                case 0 -> jur + " designated " + org + " as " + a(gn) + " " + date + ", the justice ministry said.";
                case 1 -> "The " + dem + " government added " + org + " to its list of banned organisations " + date + ".";
                case 2 -> org + " has been banned in " + jur + " since " + past + ", and the ban remains in force.";
                case 3 -> "Prosecutors in " + jur + " asked the supreme court " + date + " to recognise " + org
                        + " as " + a(gn) + ".";
                case 4 -> "A bill that would ban " + org + " passed its first reading in the " + dem + " parliament " + date + ".";
                case 5 -> who + ", the " + role + ", said the government was preparing to proscribe " + org + ".";
                case 6 -> "A court in " + jur + " will hear a request to remove " + org + " from the list of banned organisations"
                        + " on " + futureDate(r, day) + ".";
                case 7 -> "The " + dem + " foreign ministry has proposed removing " + org + " from its list of " + gn + "s.";
                case 8 -> who + " said a decision on lifting the ban on " + org + " was expected " + pick(r, TIME) + ".";
                case 9 -> jur + " lifted the ban on " + org + " " + date + ", after years of talks.";
                case 10 -> "The supreme court of " + jur + " removed " + org + " from the list of terrorist organisations "
                        + date + ".";
                case 11 -> org + " is no longer designated as " + a(gn) + " in " + jur + ", " + who + " " + pick(r, SAY) + ".";
                case 12 -> jur + " imposed sanctions on " + org + " " + date + ", freezing assets held abroad.";
                case 13 -> org + " has been under United Nations Security Council sanctions since " + past + ".";
                case 14 -> "The European Union sanctioned three leaders of " + org + " " + date + ".";
                case 15 -> "A court in " + jur + " upheld the designation of " + org + " as " + a(gn) + " " + date + ".";
                case 16 -> "Judges in " + jur + " revoked the designation of " + org + " " + date
                        + ", citing a lack of evidence.";
                default -> org + ", which " + jur + " banned in " + past + ", has appealed against the decision.";
            };
        }

        private static String fillerLead(Event e, SplittableRandom r, Names n, LocalDate day) {
            String jur = e.jur.name();
            return switch (r.nextInt(4)) {
                case 0 -> jur + " announced " + a(pick(r, ADJ)) + " " + e.topic + " " + pick(r, THING) + " "
                        + dateMention(r, day) + ", " + pick(r, OFFICIALS) + " " + pick(r, SAY) + ".";
                case 1 -> e.person.name() + ", the " + e.person.role() + ", defended the " + e.topic + " " + pick(r, THING)
                        + " before parliament " + dateMention(r, day) + ".";
                case 2 -> "Negotiators from " + jur + " and " + n.state(r).name() + " resumed talks on " + e.topic + " "
                        + dateMention(r, day) + " after a pause of several weeks.";
                default -> aCap(pick(r, ADJ)) + " " + e.topic + " " + pick(r, THING) + " in " + jur
                        + " drew criticism from " + pick(r, OFFICIALS) + " " + pick(r, TIME) + ".";
            };
        }

        private static String passingMention(SplittableRandom r, Names n, LocalDate day) {
            String org = alias(n.org(r), r);
            return switch (r.nextInt(3)) {
                case 0 -> "Security in " + pick(r, PLACE) + " was tightened after threats attributed to " + org + ".";
                case 1 -> "The region has seen sporadic attacks by " + org + " since " + (2000 + r.nextInt(24)) + ".";
                default -> "Officials declined to say whether " + org + " was involved.";
            };
        }

        private static String filler(Event e, SplittableRandom r, Names n, LocalDate day) {
            if (r.nextInt(4) == 0) {
                return specific(e, r, day);
            }
            String jur = r.nextInt(3) == 0 ? n.state(r).name() : e.jur.name();
            String topic = r.nextInt(4) == 0 ? pick(r, TOPICS) : e.topic;
            int pct = 1 + r.nextInt(19);
            return switch (r.nextInt(24)) {
                case 0 -> cap(pick(r, OFFICIALS)) + " " + pick(r, SAY) + " that the " + topic + " " + pick(r, THING)
                        + " would take effect " + pick(r, TIME) + ".";
                case 1 -> "The " + pick(r, THING) + " follows months of negotiations between the government and "
                        + pick(r, OFFICIALS) + ".";
                case 2 -> "Spending on " + topic + " rose by " + pct + " percent " + pick(r, TIME)
                        + ", according to figures published by the finance ministry.";
                case 3 -> "\"We are not going to rush this,\" one senior official " + pick(r, SAY)
                        + ", speaking on condition of anonymity.";
                case 4 -> "Critics argue that the " + pick(r, ADJ) + " " + pick(r, THING) + " does little for residents of "
                        + pick(r, PLACE) + ".";
                case 5 -> n.person(r).name() + " is expected to visit " + jur + " " + pick(r, TIME) + " to discuss "
                        + topic + " and " + pick(r, TOPICS) + ".";
                case 6 -> "Inflation in " + jur + " slowed to " + pct + "." + r.nextInt(10) + " percent in "
                        + MONTHS[r.nextInt(12)] + ", the statistics office said.";
                case 7 -> "Opposition parties called for a parliamentary " + pick(r, THING) + " into the government's handling of "
                        + topic + ".";
                case 8 -> "The " + topic + " ministry did not respond to a request for comment.";
                case 9 -> "Protests were reported in " + pick(r, PLACE) + ", where " + (100 + r.nextInt(9900))
                        + " people gathered " + pick(r, TIME) + ".";
                case 10 -> "In " + (2005 + r.nextInt(20)) + ", a similar " + pick(r, THING) + " collapsed after "
                        + pick(r, OFFICIALS) + " withdrew their support.";
                case 11 -> "The " + pick(r, ADJ) + " " + pick(r, THING) + " will cost an estimated " + (2 + r.nextInt(98))
                        + " billion over " + (2 + r.nextInt(8)) + " years.";
                case 12 -> "Delegations from " + jur + " and " + n.state(r).name() + " met " + dateMention(r, day)
                        + " in " + pick(r, PLACE) + ".";
                case 13 -> cap(pick(r, OFFICIALS)) + " warned that " + topic + " costs could rise by " + pct
                        + " percent if nothing changes.";
                case 14 -> "The decision was welcomed by " + pick(r, OFFICIALS) + " but criticised by "
                        + pick(r, OFFICIALS) + ".";
                case 15 -> "Local media reported that the " + pick(r, THING) + " had been discussed at a closed meeting "
                        + pick(r, TIME) + ".";
                case 16 -> "According to a survey published " + pick(r, TIME) + ", " + (20 + r.nextInt(60))
                        + " percent of respondents support the " + pick(r, THING) + ".";
                case 17 -> n.person(r).name() + " " + pick(r, SAY) + " that cooperation on " + topic
                        + " remained a priority.";
                case 18 -> "The United Nations and the European Union have urged all sides to resume dialogue.";
                case 19 -> "Markets in " + jur + " were little changed on the news, with the main index up " + pct / 10.0
                        + " percent.";
                case 20 -> "It was not immediately clear how the " + pick(r, THING) + " would be financed.";
                case 21 -> "The government first proposed the idea " + pastDate(r, day) + ", but it stalled amid disputes over "
                        + pick(r, TOPICS) + ".";
                case 22 -> "Residents of " + pick(r, PLACE) + " have long complained about shortages and rising prices.";
                default -> "Further details are expected to be announced " + pick(r, TIME) + ".";
            };
        }

        static final String[] COMPANY_KIND = {"Holdings", "Energy", "Logistics", "Group", "Bank", "Mining",
                "Telecom", "Airlines", "Steel", "Agro"};
        private static final String[] SYLLABLES = {"ka", "ri", "mo", "ten", "va", "lor", "sa", "bel", "dor", "an",
                "mi", "tra", "gu", "zel", "or", "ni", "ko", "ham", "ser", "lu", "pa", "din", "ost", "ve", "ra", "mun",
                "el", "ta", "bro", "cha"};

        /** An invented proper name of a few syllables: "Kalorven", "Tramidor". */
        static String coined(SplittableRandom r, int syllables) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < syllables; i++) {
                sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
            }
            if (r.nextBoolean()) {
                sb.append(r.nextBoolean() ? "sk" : "ville".substring(0, 2 + r.nextInt(3)));
            }
            return cap(sb.toString());
        }

        /** Sentences about this story's own people, places and firms. */
        private static String specific(Event e, SplittableRandom r, LocalDate day) {
            return switch (r.nextInt(8)) {
                case 0 -> e.spokesperson + ", a spokesperson for the " + e.topic + " ministry, " + pick(r, SAY)
                        + " that the " + pick(r, THING) + " was on track.";
                case 1 -> "In the town of " + e.town + ", residents said they had heard little about the "
                        + pick(r, THING) + ".";
                case 2 -> e.company + ", which employs about " + (200 + r.nextInt(20000)) + " people, said its "
                        + pick(r, TOPICS) + " operations would not be affected.";
                case 3 -> "The " + e.project + " " + pick(r, THING) + " was first presented " + pastDate(r, day) + ".";
                case 4 -> "\"This changes very little for " + e.town + ",\" " + e.spokesperson + " " + pick(r, SAY) + ".";
                case 5 -> "Shares in " + e.company + " fell " + (1 + r.nextInt(9)) + " percent " + pick(r, TIME) + ".";
                case 6 -> e.spokesperson + " declined to comment on the " + e.project + " talks.";
                default -> "Work on the " + e.project + " site near " + e.town + " was halted " + pick(r, TIME) + ".";
            };
        }

        /** "on March 3", "on 3 March 2025", "last week", "on Tuesday". */
        private static String dateMention(SplittableRandom r, LocalDate day) {
            LocalDate d = day.minusDays(r.nextInt(4));
            String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            return switch (r.nextInt(5)) {
                case 0 -> "on " + month + " " + d.getDayOfMonth();
                case 1 -> "on " + d.getDayOfMonth() + " " + month + " " + d.getYear();
                case 2 -> "on " + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 3 -> "last week";
                default -> "on " + month + " " + d.getDayOfMonth() + ", " + d.getYear();
            };
        }

        private static String futureDate(SplittableRandom r, LocalDate day) {
            LocalDate d = day.plusDays(3 + r.nextInt(60));
            return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + d.getDayOfMonth();
        }

        /** "2019", "March 2021", "late 2016". */
        private static String pastDate(SplittableRandom r, LocalDate day) {
            int y = day.getYear() - 1 - r.nextInt(22);
            return switch (r.nextInt(3)) {
                case 0 -> Integer.toString(y);
                case 1 -> MONTHS[r.nextInt(12)] + " " + y;
                default -> "late " + y;
            };
        }

        private static String alias(Names.Org o, SplittableRandom r) {
            return r.nextInt(3) == 0 ? o.aliases().get(r.nextInt(o.aliases().size())) : o.name();
        }

        private static final String[][] SWAPS = {{" said", " stated"}, {" told reporters", " told journalists"},
                {" percent", "%"}, {"government", "administration"}, {" on Monday", " on Monday morning"},
                {"officials", "authorities"}, {" will ", " would "}, {"criticism", "criticisms"}};

        /** Another outlet's copy of a wire story: a few words changed, a paragraph dropped or a credit added. */
        static String editCopy(String text, SplittableRandom r, String origin) {
            String t = text;
            int edits = r.nextInt(4);
            for (int i = 0; i < edits; i++) {
                String[] s = SWAPS[r.nextInt(SWAPS.length)];
                int at = t.indexOf(s[0], r.nextInt(Math.max(1, t.length() / 2)));
                if (at >= 0) {
                    t = t.substring(0, at) + s[1] + t.substring(at + s[0].length());
                }
            }
            switch (r.nextInt(4)) {
                case 0 -> {
                    int last = t.lastIndexOf("\n\n");
                    if (last > t.length() / 2) {
                        t = t.substring(0, last);
                    }
                }
                case 1 -> t = t + "\n\nThis article was first published by " + origin + ".";
                case 2 -> t = "(Wire) " + t;
                default -> { }
            }
            return t;
        }

        static String editHeadline(String title, SplittableRandom r) {
            return switch (r.nextInt(3)) {
                case 0 -> title;
                case 1 -> title + " - report";
                default -> "UPDATE: " + title;
            };
        }

        static String slug(String title) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < title.length() && sb.length() < 60; i++) {
                char c = Character.toLowerCase(title.charAt(i));
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    sb.append(c);
                } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                    sb.append('-');
                }
            }
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
                sb.setLength(sb.length() - 1);
            }
            return sb.toString();
        }

        /** Words of generated text, where only spaces and newlines separate words. */
        static int countWords(String s) {
            int n = 0;
            boolean in = false;
            for (int i = 0, len = s.length(); i < len; i++) {
                char c = s.charAt(i);
                boolean ws = c == ' ' || c == '\n';
                if (!ws && !in) {
                    n++;
                }
                in = !ws;
            }
            return n;
        }

        /** "a" or "an" and the word. */
        private static String a(String word) {
            return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
        }

        private static String aCap(String word) {
            return cap(a(word));
        }

        private static String cap(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
