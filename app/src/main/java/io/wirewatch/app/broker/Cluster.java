package io.wirewatch.app.broker;

import io.wirewatch.common.kafka.TopicAdmin;

/**
 * The Kafka cluster a command talks to: the user's, when a bootstrap address is given, or else an
 * embedded broker that lives as long as this object. Either way the contract's topics exist after open.
 */
public final class Cluster implements AutoCloseable {

    private final String bootstrap;
    private final EmbeddedKafka embedded;

    private Cluster(String bootstrap, EmbeddedKafka embedded) {
        this.bootstrap = bootstrap;
        this.embedded = embedded;
    }

    public static Cluster open(String bootstrapOrNull, int partitions, short replication) {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1 (got " + partitions + ")");
        }
        if (bootstrapOrNull != null && !bootstrapOrNull.isBlank()) {
            validate(bootstrapOrNull);
            TopicAdmin.ensureTopics(bootstrapOrNull, partitions, replication);
            return new Cluster(bootstrapOrNull, null);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            TopicAdmin.ensureTopics(kafka.bootstrapServers(), partitions, (short) 1);
            return new Cluster(kafka.bootstrapServers(), kafka);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** A bootstrap list is host:port[,host:port...]; say so before a client retries a typo for a minute. */
    static void validate(String bootstrap) {
        for (String part : bootstrap.split(",")) {
            String p = part.trim();
            int colon = p.lastIndexOf(':');
            boolean ok = colon > 0 && colon < p.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(p.substring(colon + 1));
                    ok = port > 0 && port < 65536;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("--bootstrap-server / WIREWATCH_BOOTSTRAP_SERVER must be host:port[,host:port...], got '"
                        + bootstrap + "'");
            }
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
