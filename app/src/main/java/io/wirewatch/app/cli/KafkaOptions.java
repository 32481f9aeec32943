package io.wirewatch.app.cli;

import io.wirewatch.app.broker.Cluster;
import picocli.CommandLine.Option;

/** How a command reaches Kafka; shared by every command that needs a broker. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            defaultValue = "${env:WIREWATCH_BOOTSTRAP_SERVER}",
            description = "Kafka cluster to use (env WIREWATCH_BOOTSTRAP_SERVER). Without it, a single-node KRaft "
                    + "broker is started in-process on 127.0.0.1 and stopped on exit.")
    String bootstrapServer;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:WIREWATCH_PARTITIONS:-3}",
            description = "Partitions of each topic created at start (existing topics are kept). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:WIREWATCH_REPLICATION_FACTOR:-1}",
            description = "Replication factor of topics created at start on an external cluster. Default: ${DEFAULT-VALUE}.")
    short replicationFactor;

    public Cluster open() {
        return Cluster.open(bootstrapServer, partitions, replicationFactor);
    }

    /** The long-running services need a real cluster: an embedded one would vanish with the process. */
    public String requireBootstrap(String command) {
        if (bootstrapServer == null || bootstrapServer.isBlank()) {
            throw new IllegalArgumentException(command + " is a long-running service and needs --bootstrap-server "
                    + "(or WIREWATCH_BOOTSTRAP_SERVER); use `run` or `demo` for an embedded broker");
        }
        return bootstrapServer;
    }
}
