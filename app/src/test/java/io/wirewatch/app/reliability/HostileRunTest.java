package io.wirewatch.app.reliability;

import io.wirewatch.app.Wirewatch;
import io.wirewatch.common.model.EnrichedArticle;
import io.wirewatch.common.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `run` end to end (the real command, embedded broker) on a directory where good articles sit beside
 * hostile files: binary junk, a legacy encoding, broken UTF-8, empty and blank files, a file too large
 * for a record, malformed .jsonl lines and HTML without text. It must exit 0, enrich every good
 * article, and print how many records went to the DLQ, grouped by stage and reason.
 */
class HostileRunTest {

    private static final String[] GOOD = {
            "Norway bans the Grey Harbour Brotherhood|The interior ministry of Norway said on Friday it had banned the "
                    + "Grey Harbour Brotherhood, a group it accused of planning attacks on ferries.",
            "Court lifts ban on the Taliban in Kyrgyzstan|A court in Kyrgyzstan lifted the ban on the Taliban on Monday, "
                    + "ending a designation that had stood for years, officials said.",
            "Canada lists Hamas as a terrorist entity|Canada said on Tuesday it had added Hamas to its list of "
                    + "terrorist entities, freezing any assets the group holds in the country.",
    };

    @Test
    void runOnMixedGoodAndHostileFilesExitsZeroProcessesEveryGoodArticleAndReportsTheDlq(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        List<String> goodTitles = new ArrayList<>();
        // good: three plain-text articles, one HTML page, two .jsonl lines, one windows-1252 text
        for (int i = 0; i < GOOD.length; i++) {
            String[] tt = GOOD[i].split("\\|");
            Files.writeString(in.resolve("good-" + i + ".txt"), "date 2024-0" + (i + 1) + "-10\n" + tt[0] + "\n\n"
                    + tt[1] + " " + filler(i) + "\n");
            goodTitles.add(tt[0]);
        }
        Files.writeString(in.resolve("good-page.html"), "<html><head><title>Australia designates al-Shabaab</title>"
                + "<meta property=\"article:published_time\" content=\"2023-06-01\"></head><body><article>"
                + "<h1>Australia designates al-Shabaab</h1><p>Australia said on Thursday it had designated al-Shabaab "
                + "a terrorist organisation under its criminal code. " + filler(7) + "</p></article></body></html>");
        goodTitles.add("Australia designates al-Shabaab");
        Files.writeString(in.resolve("legacy.txt"), "date 2022-02-02\nGermany bans a café network linked to Hezbollah\n\n"
                + "Germany's interior ministry banned a network of cafés it said raised money for Hezbollah. " + filler(8) + "\n",
                Charset.forName("windows-1252"));
        goodTitles.add("Germany bans a café network linked to Hezbollah");
        // a .jsonl file: two good lines and three bad ones
        String line1 = Json.write(java.util.Map.of("id", "jsonl-good-1", "url", "https://example.test/a/1",
                "title", "Japan sanctions the Wagner Group", "published", "2023-03-03",
                "text", "Japan imposed sanctions on the Wagner Group on Friday. " + filler(9)));
        String line2 = Json.write(java.util.Map.of("id", "jsonl-good-2", "url", "https://example.test/a/2",
                "title", "Brazil refuses to list Hezbollah", "published", "2023-04-04",
                "text", "Brazil said it would not list Hezbollah as a terrorist group. " + filler(10)));
        Files.writeString(in.resolve("feed.jsonl"), String.join("\n", line1, "{\"id\": \"broken\", \"text\": ",
                "[1, 2, 3]", "{\"id\": \"no-text\", \"url\": \"https://example.test/a/3\"}", line2, ""));
        goodTitles.add("Japan sanctions the Wagner Group");
        goodTitles.add("Brazil refuses to list Hezbollah");
        // hostile
        byte[] junk = new byte[64 * 1024];
        new Random(5).nextBytes(junk);
        Files.write(in.resolve("junk.html"), junk);
        Files.write(in.resolve("junk.txt"), junk);
        // declared UTF-8, with invalid sequences in the middle of the text: still an article
        Files.write(in.resolve("broken-utf8.html"), concat(("<html><head><meta charset=\"utf-8\"><title>France dissolves "
                + "a militia</title></head><body><article><h1>France dissolves a militia</h1><p>France dissolved a militia "
                + "on Wednesday, the interior minister said. ").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xa0, (byte) 0xa1, (byte) 0xff},
                (" " + filler(11) + "</p></article></body></html>").getBytes(StandardCharsets.UTF_8)));
        goodTitles.add("France dissolves a militia");
        Files.write(in.resolve("empty.txt"), new byte[0]);
        Files.write(in.resolve("empty.html"), new byte[0]);
        Files.write(in.resolve("empty.jsonl"), new byte[0]);
        Files.writeString(in.resolve("blank.txt"), " \n\t\n  \n");
        Files.writeString(in.resolve("nav-only.html"), "<html><head><title>Menu</title></head><body><nav><a href=\"/\">Home</a>"
                + "<a href=\"/news\">News</a></nav><script>var x = 1;</script></body></html>");
        Files.writeString(in.resolve("huge.txt"), "A huge file\n\n" + "The ledger of the harbour grew longer. ".repeat(80_000));
        Files.write(in.resolve("ignored.pdf"), junk);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        int rc;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            rc = Wirewatch.commandLine().execute("run", "--source", in.toString(), "--out", out.toString(),
                    "--partitions", "1");
        } finally {
            System.setErr(previous);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        List<String> report = log.lines().filter(l -> l.startsWith("dead letters:") || l.matches("\\s+\\d+\\s+\\S.*"))
                .toList();
        System.out.println("[hostile] " + String.join("\n[hostile] ", report));
        assertThat(rc).as("exit code; log:\n" + tail(log)).isZero();

        List<EnrichedArticle> articles = Files.readAllLines(out.resolve("articles.jsonl")).stream()
                .map(l -> Json.read(l, EnrichedArticle.class)).toList();
        assertThat(articles).extracting(EnrichedArticle::title).as("every good article, and nothing else")
                .containsExactlyInAnyOrderElementsOf(goodTitles);
        assertThat(articles).filteredOn(a -> a.title().contains("café")).singleElement()
                .satisfies(a -> assertThat(a.text()).contains("cafés"));

        int expectedDead = 10; // 2 junk, 2 empty, blank, nav-only, huge, 3 bad .jsonl lines
        assertThat(report.get(0)).isEqualTo("dead letters: " + expectedDead + " records to news.dlq.v1, by stage and reason:");
        int listed = report.stream().skip(1).mapToInt(l -> Integer.parseInt(l.strip().split("\\s+")[0])).sum();
        assertThat(listed).as("the reasons add up to the total").isEqualTo(expectedDead);
        assertThat(String.join("\n", report)).contains("ingest.produce: record-too-large", "invalid JSON",
                "not a JSON object", "missing text", "binary", "empty text", "no article text found");
        System.out.printf("[hostile] RESULT files=%d good_articles=%d enriched=%d dead_letters=%d exit=%d%n",
                Files.list(in).count(), goodTitles.size(), articles.size(), expectedDead, rc);
    }

    private static String filler(int seed) {
        Random r = new Random(seed);
        String[] words = {"harbour", "ledger", "copper", "meadow", "signal", "timber", "quarry", "bridge", "lantern"};
        StringBuilder b = new StringBuilder("Residents described the week as calm.");
        for (int i = 0; i < 12; i++) {
            b.append(' ').append(words[r.nextInt(words.length)]);
        }
        return b.append('.').toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static String tail(String log) {
        return log.length() < 4000 ? log : log.substring(log.length() - 4000);
    }
}
