package io.wirewatch.app.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), in this JVM, on
 * 127.0.0.1 with free ports and a temporary data directory. Used when no --bootstrap-server is given
 * and by the end-to-end tests; closing it shuts the broker down and deletes its data. It can be
 * stopped and started again on the same ports and data directory (a broker restart: the reliability
 * tests check that the services recover by themselves).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Path dir;
    private final Properties props;
    private final String bootstrap;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dir, Properties props, KafkaRaftServer server, String bootstrap) {
        this.dir = dir;
        this.props = props;
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /**
     * The broker's ReplicaManager logs at ERROR every append it rejects for a reason outside its short list
     * of expected ones, OutOfOrderSequenceException included. Under exactly-once with transactions v2 that
     * happens in normal operation: the first batch of a new transaction to a partition is answered
     * CONCURRENT_TRANSACTIONS (retriable) while the previous transaction's markers are still being written,
     * so the batches pipelined behind it (up to 5 in flight) find no sequence 0 for the new epoch and are
     * rejected too; the producer retries all of them in order, and nothing is lost or duplicated (the
     * producer's own WARN shows the pair). Its other append errors are storage or bug reports that the
     * log-dir failure handler and the clients' errors also show. Set the property to re-enable.
     */
    static final String REPLICA_MANAGER_LOG_LEVEL = "org.slf4j.simpleLogger.log.kafka.server.ReplicaManager";

    public static EmbeddedKafka start() {
        if (System.getProperty(REPLICA_MANAGER_LOG_LEVEL) == null) {
            System.setProperty(REPLICA_MANAGER_LOG_LEVEL, "off");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wirewatch-kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("log.dirs", dir.resolve("data").toString());
            // a single node: every internal topic has exactly one replica
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "4");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("min.insync.replicas", "1");
            props.put("default.replication.factor", "1");
            props.put("num.partitions", "1");
            // consumer groups form at once: the demo and the tests must not wait 3 s per group
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            props.put("log.flush.interval.messages", "100000");
            // The log cleaner's offset map is a heap array of this size, zeroed before every cleaning: Kafka's
            // 128 MB default took a quarter of a 512 MB service heap and most of the cleaner's CPU (Arrays.fill).
            // 16 MB holds ~600k keys per pass, more than a local run's compacted partitions get between passes
            // (a larger dirty section is cleaned in several passes, not skipped).
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
            Path config = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "wirewatch embedded broker");
            }
            format(config);
            return new EmbeddedKafka(dir, props, boot(props), "127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /** Formats the log directory the way `kafka-storage.sh format` does (execute, not main: main exits the JVM). */
    private static void format(Path config) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()}, out);
        } catch (Exception e) {
            throw new IllegalStateException("formatting the embedded broker's storage failed: " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage failed: "
                    + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private static KafkaRaftServer boot(Properties props) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** A controlled shutdown that keeps the data directory; {@link #restart()} brings the broker back. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Starts the broker again on the same ports and data directory, with the same cluster id, after
     * {@link #stop()}. Its log, committed offsets and transaction state are what it had.
     */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("the embedded broker is running; stop() it first");
        }
        server = boot(props);
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless; failing the shutdown over it is not
        }
    }
}
