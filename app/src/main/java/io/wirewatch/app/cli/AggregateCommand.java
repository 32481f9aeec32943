package io.wirewatch.app.cli;

import io.wirewatch.aggregate.AggregateService;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "The aggregate service (Kafka Streams): news.enriched.v1 and news.stories.v1 -> "
                + "per-organization status tables on org.status.v1. Runs until stopped.")
public final class AggregateCommand extends StreamsServiceCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.requireBootstrap("aggregate");
        kafka.open().close();
        return runUntilStopped(AggregateService.create(bootstrap, overrides()), "aggregate");
    }
}
