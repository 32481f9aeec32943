package io.wirewatch.app.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A wirewatch service ({@code enrich} or {@code aggregate}) in its own JVM, started through the real
 * command line, killed with SIGKILL and restarted on the same state directory. Each incarnation's
 * output goes to {@code <logDir>/<name>-<n>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private final String command;
    private final String bootstrap;
    private final Path stateDir;
    private final Path config;
    private final Path logDir;
    private Process process;
    private int incarnation;
    private int kills;

    ServiceProcess(String command, String bootstrap, Path stateDir, Path config, Path logDir) {
        this.command = command;
        this.bootstrap = bootstrap;
        this.stateDir = stateDir;
        this.config = config;
        this.logDir = logDir;
    }

    /** Streams settings that make a killed member leave its group quickly (the broker minimum is 6 s). */
    static Path fastFailoverConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("streams-test.properties"), String.join("\n",
                "consumer.session.timeout.ms=6000",
                "consumer.heartbeat.interval.ms=1500",
                "commit.interval.ms=100",
                ""), StandardCharsets.UTF_8);
    }

    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(command + " is already running");
        }
        Files.createDirectories(logDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.KafkaStreams=info",
                "-cp", System.getProperty("java.class.path"), "io.wirewatch.app.Wirewatch", command,
                "--bootstrap-server", bootstrap, "--state-dir", stateDir.toString(), "--config", config.toString(),
                // any free port on loopback: tests of several worktrees share the machine
                "--management-port", "0", "--management-bind", "127.0.0.1"));
        if (command.equals("aggregate")) {
            cmd.addAll(List.of("--http-port", "0", "--http-bind", "127.0.0.1")); // not the shared default 8080
        }
        Path log = logDir.resolve(command + "-" + (++incarnation) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGKILL: no shutdown hook, no commit, no transaction abort. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(command + " did not die");
        }
        kills++;
    }

    void assertAlive() {
        if (process == null || !process.isAlive()) {
            throw new AssertionError(command + " exited (code " + (process == null ? "-" : process.exitValue())
                    + "); see " + logDir.resolve(command + "-" + incarnation + ".log"));
        }
    }

    /** Waits until this incarnation's log shows the Streams client RUNNING (needs the INFO logger set in start). */
    void awaitRunning(long timeoutMs) throws IOException, InterruptedException {
        Path log = logDir.resolve(command + "-" + incarnation + ".log");
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            assertAlive();
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("to RUNNING")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(command + " did not reach RUNNING within " + timeoutMs + " ms; see " + log);
    }

    /** This incarnation's management port, as it printed it at start. */
    int managementPort(long timeoutMs) throws IOException, InterruptedException {
        Path log = logDir.resolve(command + "-" + incarnation + ".log");
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("management endpoint on http://[^:]+:(\\d+)");
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            assertAlive();
            if (Files.exists(log)) {
                java.util.regex.Matcher m = line.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(command + " printed no management port within " + timeoutMs + " ms; see " + log);
    }

    int kills() {
        return kills;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
