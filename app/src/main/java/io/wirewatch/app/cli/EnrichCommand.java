package io.wirewatch.app.cli;

import io.wirewatch.enrich.EnrichService;
import picocli.CommandLine.Command;

import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = "The enrich service (Kafka Streams): news.raw.v1 -> entities, stories, claims -> "
                + "news.enriched.v1 and news.stories.v1. Runs until stopped.")
public final class EnrichCommand extends StreamsServiceCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.requireBootstrap("enrich");
        Properties overrides = overrides(); // configuration mistakes fail before Kafka is contacted
        EnrichService.validate(overrides); // its message names the setting and where it was read
        kafka.open().close();
        return runUntilStopped(EnrichService.create(bootstrap, overrides), "enrich");
    }

    @Override
    int defaultManagementPort() {
        return ManagementOptions.ENRICH_PORT;
    }
}
