package io.wirewatch.app.cli;

import io.wirewatch.enrich.EnrichService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = "The enrich service (Kafka Streams): news.raw.v1 -> entities, stories, claims -> "
                + "news.enriched.v1 and news.stories.v1. Runs until stopped.")
public final class EnrichCommand extends StreamsServiceCommand implements Callable<Integer> {

    @Mixin StoryWindowOptions storyWindow;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.requireBootstrap("enrich");
        Properties overrides = serviceOverrides(); // configuration mistakes fail before Kafka is contacted
        kafka.open().close();
        return runUntilStopped(EnrichService.create(bootstrap, overrides), "enrich");
    }

    /** {@link #overrides()} with the story window of the option or its variable, checked as the service will. */
    Properties serviceOverrides() {
        Properties overrides = storyWindow.applyTo(overrides());
        EnrichService.validate(overrides); // its message names the setting and where it was read
        return overrides;
    }

    @Override
    int defaultManagementPort() {
        return ManagementOptions.ENRICH_PORT;
    }
}
