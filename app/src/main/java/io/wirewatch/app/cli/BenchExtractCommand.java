package io.wirewatch.app.cli;

import io.wirewatch.ingest.extract.ArticleExtractor;
import io.wirewatch.ingest.extract.ExtractionEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extraction benchmark (see BENCHMARKS.md): scores the extractor against a ground truth "
                + "(4-token shingles of Unicode word tokens, as in eval/extraction/README.md) and times it against "
                + "bare jsoup parsing of the same pages, in the same run.",
                "DIR holds ID.html.gz pages (UTF-8); GROUND_TRUTH.json is {ID: {\"articleBody\", \"url\"}}.",
                "Each side is warmed up for 3 rounds; the timed rounds alternate them page by page, with a GC between rounds.",
                "The last line is `pages=N precision=P recall=R f1=F accuracy=A pages_per_s=X "
                        + "jsoup_pages_per_s=Y ratio=X/Y`."})
public final class BenchExtractCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of ID.html.gz pages.")
    Path dir;

    @Parameters(index = "1", paramLabel = "GROUND_TRUTH.json", description = "The ground truth.")
    Path groundTruth;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Timed rounds over all pages (after the warm-up rounds). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--dump", paramLabel = "FILE",
            description = "Also write every extracted field of every page to FILE (JSON lines), to compare two "
                    + "builds byte for byte (a speed change must leave it as it was).")
    Path dump;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("DIR " + dir + " is not a directory");
        }
        if (!Files.isReadable(groundTruth)) {
            throw new IllegalArgumentException("GROUND_TRUTH.json " + groundTruth + " cannot be read");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1 (got " + rounds + ")");
        }
        if (dump != null) {
            int n = ExtractionEval.dump(dir, groundTruth, new ArticleExtractor(), dump);
            System.out.println("dumped the fields of " + n + " pages to " + dump);
        }
        ExtractionEval.Result r = ExtractionEval.evaluate(dir, groundTruth, new ArticleExtractor(), rounds);
        if (r.pages() == 0) {
            throw new IllegalArgumentException("no page of " + groundTruth + " found in " + dir + " (want ID.html.gz)");
        }
        List<Double> rr = r.roundRatios();
        System.out.println(String.format(Locale.ROOT, "ratio per round: min=%.2f median=%.2f max=%.2f over %d rounds",
                rr.get(0), rr.get(rr.size() / 2), rr.get(rr.size() - 1), rr.size()));
        double ratio = r.pagesPerSecond() / r.jsoupPagesPerSecond();
        System.out.println(String.format(Locale.ROOT,
                "pages=%d precision=%.3f recall=%.3f f1=%.3f accuracy=%.3f pages_per_s=%.1f jsoup_pages_per_s=%.1f ratio=%.2f",
                r.pages(), r.precision(), r.recall(), r.f1(), r.accuracy(), r.pagesPerSecond(),
                r.jsoupPagesPerSecond(), ratio));
        return 0;
    }
}
