package io.wirewatch.app;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.cli.BatchRun;
import io.wirewatch.app.cli.ReplayCommand;
import io.wirewatch.app.demo.DemoSite;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.model.RawArticle;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.fetch.FetchConfig;
import io.wirewatch.ingest.source.LocalSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The three services on a real in-process KRaft broker, each run on a fresh broker: the demo site
 * over HTTP, the reference articles from ../shared/seeds, and the same articles in three orders.
 */
class PipelineEndToEndTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final FetchConfig LOOPBACK = FetchConfig.defaults().withAllowPrivateAddresses(true).withMinDelayPerHostMs(20);

    @Test
    void demoSiteScrapedOverHttpGivesTheExpectedTable() throws Exception {
        try (DemoSite site = DemoSite.start()) {
            Results r = run(List.of(site.feedUrl()));
            assertThat(r.articles()).hasSize(4);
            TalibanTable.assertExpectedRows(r);
            TalibanTable.assertStories(
                    TalibanTable.article(r, "steppe-ledger"), TalibanTable.article(r, "northline"),
                    TalibanTable.article(r, "meridian-post"), TalibanTable.article(r, "caspian-courier"));
            // the sidebar of related links is page furniture, not the article
            assertThat(TalibanTable.article(r, "caspian-courier").text()).doesNotContain("Latest news");
        }
    }

    @Test
    void referenceArticlesGiveTheExpectedTable() throws Exception {
        Path seeds = seeds();
        Results r = run(List.of(seeds.toString()));
        assertThat(r.articles()).hasSize(4);
        TalibanTable.assertExpectedRows(r);
        TalibanTable.assertStories(
                TalibanTable.article(r, "000_"), TalibanTable.article(r, "002_"),
                TalibanTable.article(r, "003_"), TalibanTable.article(r, "004_"));
    }

    @Test
    void theSameArticlesInAnyOrderGiveIdenticalTables(@TempDir Path dir) throws Exception {
        List<RawArticle> articles = new LocalSources().read(seeds(), f -> {
            throw new AssertionError("seed unreadable: " + f);
        });
        assertThat(articles).hasSize(4);
        List<RawArticle> reversed = new ArrayList<>(articles);
        Collections.reverse(reversed);
        List<RawArticle> shuffled = new ArrayList<>(articles);
        Collections.shuffle(shuffled, new Random(7));
        String forward = Json.write(run(List.of(jsonl(dir, "forward.jsonl", articles).toString())).organizations());
        String backward = Json.write(run(List.of(jsonl(dir, "reverse.jsonl", reversed).toString())).organizations());
        String mixed = Json.write(run(List.of(jsonl(dir, "shuffled.jsonl", shuffled).toString())).organizations());
        assertThat(backward).isEqualTo(forward);
        assertThat(mixed).isEqualTo(forward);
        assertThat(forward).contains("\"code\":\"RU\"");
    }

    @Test
    void replayWithFreshStateRebuildsIdenticalTables() throws Exception {
        Path seeds = seeds();
        try (Cluster cluster = Cluster.open(null, 2, (short) 1)) {
            Results first = BatchRun.execute(cluster, List.of(seeds.toString()), LOOPBACK, null, Duration.ofMinutes(3), QUIET);
            Results replayed = ReplayCommand.replay(cluster, null, Duration.ofMinutes(3));
            assertThat(Json.write(replayed.organizations())).isEqualTo(Json.write(first.organizations()));
            TalibanTable.assertExpectedRows(replayed);
        }
    }

    /** The backfill format: one raw article per line, with the ids the articles already had. */
    private static Path jsonl(Path dir, String name, List<RawArticle> articles) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (RawArticle a : articles) {
            var line = Json.MAPPER.createObjectNode();
            line.put("id", a.id());
            line.put("url", a.url());
            line.put("outlet", a.outlet());
            line.put("title", a.title());
            line.put("published", a.published());
            line.put("text", a.text());
            sb.append(Json.write(line)).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
    }

    private static Results run(List<String> sources) throws Exception {
        try (Cluster cluster = Cluster.open(null, 2, (short) 1)) {
            return BatchRun.execute(cluster, sources, LOOPBACK, null, Duration.ofMinutes(3), QUIET);
        }
    }

    static Path seeds() {
        String shared = System.getProperty("wirewatch.shared");
        Path seeds = shared == null ? null : Path.of(shared, "seeds");
        assumeTrue(seeds != null && Files.isDirectory(seeds),
                "SKIPPED: the reference articles are not here (" + seeds + "); they live in ../shared/seeds beside the checkout");
        return seeds;
    }
}
