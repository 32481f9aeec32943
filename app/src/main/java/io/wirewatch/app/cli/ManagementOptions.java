package io.wirewatch.app.cli;

import io.wirewatch.common.ops.Health;
import io.wirewatch.common.ops.ManagementServer;
import picocli.CommandLine.Option;

import java.util.function.Supplier;

/** The management endpoint of a long-running service: /health, /ready and /metrics on their own port. */
public final class ManagementOptions {

    /** Defaults, one per service, so that the three can run side by side on one host. */
    static final int INGEST_PORT = 9401;
    static final int ENRICH_PORT = 9402;
    static final int AGGREGATE_PORT = 9403;
    private static final String OPTION = "--management-port / WIREWATCH_MANAGEMENT_PORT";

    @Option(names = "--management-port", paramLabel = "PORT", defaultValue = "${env:WIREWATCH_MANAGEMENT_PORT}",
            description = "Port of /health, /ready and /metrics (env WIREWATCH_MANAGEMENT_PORT; 0: any free port). "
                    + "Default: 9401 ingest, 9402 enrich, 9403 aggregate.")
    Integer port;

    @Option(names = "--management-bind", paramLabel = "ADDRESS", defaultValue = "${env:WIREWATCH_MANAGEMENT_BIND:-0.0.0.0}",
            description = "Address the management endpoint binds (env WIREWATCH_MANAGEMENT_BIND). Default: ${DEFAULT-VALUE}.")
    String bind;

    /** Fails at start on a port outside 0..65535 (before Kafka is contacted). */
    void validate() {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException(OPTION + " must be a port between 0 and 65535 (got " + port + ")");
        }
    }

    /** Binds at once, so that a taken or invalid port fails the start; prints where it listens. */
    ManagementServer start(int defaultPort, Supplier<Health> health, String service) {
        int p = port != null ? port : defaultPort;
        ManagementServer server = ManagementServer.start(bind, p, OPTION, health);
        System.err.println(service + ": management endpoint on http://" + bind + ":" + server.port()
                + " (/health, /ready, /metrics)");
        return server;
    }
}
