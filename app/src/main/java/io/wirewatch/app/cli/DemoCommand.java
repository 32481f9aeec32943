package io.wirewatch.app.cli;

import io.wirewatch.app.broker.Cluster;
import io.wirewatch.app.demo.DemoSite;
import io.wirewatch.app.demo.StatusTablePrinter;
import io.wirewatch.app.pipeline.Results;
import io.wirewatch.common.model.Story;
import io.wirewatch.ingest.fetch.FetchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Serves the bundled sample site on 127.0.0.1, scrapes it through the real ingest path "
                + "(RSS feed, robots.txt, HTTP fetch, extraction), runs enrich and aggregate, and prints the "
                + "organization status tables.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the run files (articles.jsonl, stories.jsonl, status.json).")
    Path out;

    @Mixin KafkaOptions kafka;
    @Mixin PipelineSettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Properties streams = settings.properties(); // a bad setting fails before a broker starts
        try (DemoSite site = DemoSite.start(); Cluster cluster = kafka.open()) {
            System.err.println("demo site on " + site.baseUrl() + ", Kafka on " + cluster.bootstrap()
                    + (cluster.embedded() ? " (embedded)" : ""));
            // the site is ours and on loopback: allow it, and do not wait a second between pages
            FetchConfig fetch = FetchConfig.defaults().withAllowPrivateAddresses(true).withMinDelayPerHostMs(50);
            Results r = BatchRun.execute(cluster, List.of(site.feedUrl()), fetch, null, streams, Duration.ofMinutes(10),
                    System.err);
            if (out != null) {
                r.writeTo(out);
            }
            System.out.println();
            StatusTablePrinter.print(r.organizations(), System.out);
            System.out.println("Stories:");
            for (Story s : r.stories()) {
                System.out.println("  " + s.id() + "  " + s.headline() + "  (" + String.join(", ", s.outlets()) + ")");
            }
        }
        return 0;
    }
}
