package io.wirewatch.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirewatch.common.serde.Json;
import io.wirewatch.ingest.extract.ArticleExtractor;
import io.wirewatch.ingest.extract.ExtractedPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extracts main text and metadata from saved HTML pages (no Kafka): one JSON object per "
                + "line with file, url, title, published, author, outlet, lang, text.")
public final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL",
            description = "The address the page was saved from (resolves relative links, names the outlet); "
                    + "default: the page's canonical link, else the file's URI.")
    String url;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Saved HTML pages.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        ArticleExtractor extractor = new ArticleExtractor();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int failed = 0;
        for (Path file : files) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("file", file.toString());
            try {
                byte[] body = Files.readAllBytes(file);
                String pageUrl = url != null ? url : file.toAbsolutePath().toUri().toString();
                ExtractedPage page = extractor.extract(body, null, pageUrl);
                line.put("url", page.canonicalUrl() != null ? page.canonicalUrl() : page.url());
                line.put("title", page.title());
                line.put("published", page.published());
                line.put("author", page.author());
                line.put("outlet", page.outlet());
                line.put("lang", page.lang());
                line.put("text", page.text());
            } catch (Exception e) {
                // one bad file must not hide the others: report it in its line and on stderr
                failed++;
                line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                System.err.println("extract: " + file + ": " + e.getMessage());
            }
            out.println(Json.write(line));
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
