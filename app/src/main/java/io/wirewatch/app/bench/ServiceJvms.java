package io.wirewatch.app.bench;

import io.wirewatch.aggregate.AggregateTopology;
import io.wirewatch.aggregate.status.StatusFoldProcessor;
import io.wirewatch.app.Wirewatch;
import io.wirewatch.app.cli.DecodedBytesOptions;
import io.wirewatch.app.cli.StoryWindowOptions;
import io.wirewatch.app.pipeline.Pipeline;
import io.wirewatch.app.pipeline.Quiescence;
import io.wirewatch.enrich.EnrichService;
import io.wirewatch.enrich.stories.StoryWindow;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The enrich + aggregate stage with each service in a JVM of its own ({@code bench --service-jvms}), as
 * users deploy them: the same jar (this JVM's class path and {@code java}), the real {@code enrich} and
 * {@code aggregate} commands against the bench's broker, each with its own {@code -Xmx}, state directory,
 * application id, GC log ({@code -Xlog:gc*}) and output file, and {@code -XX:+ExitOnOutOfMemoryError}
 * so that a service that does not fit its heap ends the bench instead of thrashing. A service that exits
 * before the stage is over fails the bench, naming it and its log.
 */
final class ServiceJvms implements Benchmark.Services {

    /** One child JVM and its files. */
    record Service(String name, String applicationId, Process process, Path output, Path gcLog) {
        long pid() {
            return process.pid();
        }
    }

    /** What a child's process showed just before it was stopped. */
    record Usage(double cpuSeconds, double gcThreadSeconds, double jitSeconds, double rocksDbSeconds, long peakRssKb) {}

    private static final Duration STOP_WAIT = Duration.ofSeconds(45); // a service closes its Streams within 30 s

    private final List<Service> services;
    private final Quiescence quiescence;
    private final Path logDir;
    private final boolean deleteLogs;
    private final String heap;
    private final long startNanos = System.nanoTime();
    private final PrintStream log;
    private final Thread killOnExit;
    private boolean finished;

    private ServiceJvms(List<Service> services, Quiescence quiescence, Path logDir, boolean deleteLogs, String heap,
                        PrintStream log) {
        this.services = services;
        this.log = log;
        this.quiescence = quiescence;
        this.logDir = logDir;
        this.deleteLogs = deleteLogs;
        this.heap = heap;
        // a bench stopped by a signal must not leave its services running
        this.killOnExit = new Thread(() -> services.forEach(s -> s.process().destroyForcibly()), "bench-service-jvms-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** A service to start: the command it runs ({@code enrich}, {@code aggregate}), its files' name and its id. */
    record Spec(String command, String label, String applicationId) {}

    /**
     * Starts {@code enrich} and {@code aggregate}, each in its own JVM, against {@code bootstrap}, with the
     * batch overrides the in-process stage gives them ({@link Pipeline#overrides}) in a {@code --config} file, and
     * the bench's {@code settings} (story window, decoded budget) as the service's options, which win over the
     * variables it inherits. {@code logDir} null: a temporary directory, deleted after a successful stage and kept
     * when it fails.
     */
    static ServiceJvms start(String bootstrap, Path stateDir, Path logDir, Path extraDir, String enrichId,
                             String aggregateId, String heap, int partitions, short replication, Properties settings,
                             PrintStream log) throws IOException {
        return start(bootstrap, stateDir, logDir, extraDir, List.of(new Spec("enrich", "enrich", enrichId),
                new Spec("aggregate", "aggregate", aggregateId)), heap, partitions, replication, settings, log);
    }

    /**
     * Starts the given services, each in its own JVM, as
     * {@link #start(String, Path, Path, Path, String, String, String, int, short, Properties, PrintStream)}.
     * {@code extraDir} (null: none) is for experiments on one service at a time: see {@link #jvmOptions}.
     */
    static ServiceJvms start(String bootstrap, Path stateDir, Path logDir, Path extraDir, List<Spec> specs, String heap,
                             int partitions, short replication, Properties settings, PrintStream log) throws IOException {
        boolean temporary = logDir == null;
        Path logs = temporary ? Files.createTempDirectory("wirewatch-bench-jvms-") : Files.createDirectories(logDir);
        List<Service> started = new ArrayList<>();
        Quiescence quiescence = null;
        try {
            List<Quiescence.Stage> stages = new ArrayList<>();
            for (Spec s : specs) {
                stages.addAll(Quiescence.stagesOf(s.applicationId(),
                        s.command().equals("enrich") ? EnrichService.topology() : AggregateTopology.build()));
            }
            quiescence = new Quiescence(bootstrap, stages);
            for (Spec s : specs) {
                started.add(startOne(s, bootstrap, stateDir, logs, extraDir, heap, partitions, replication, settings));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(s -> s.process().destroyForcibly());
            if (quiescence != null) {
                quiescence.close();
            }
            throw e;
        }
        for (Service s : started) {
            log.printf("bench: %s runs in its own JVM (pid %d, -Xmx%s): output %s, GC log %s%n",
                    s.name(), s.pid(), heap, s.output(), s.gcLog());
        }
        return new ServiceJvms(started, quiescence, logs, temporary, heap, log);
    }

    private static Service startOne(Spec spec, String bootstrap, Path stateDir, Path logs, Path extra, String heap,
                                    int partitions, short replication, Properties settings) throws IOException {
        String name = spec.label();
        Path serviceState = Files.createDirectories(stateDir.resolve(name));
        Path config = logs.resolve(name + ".properties");
        Properties overrides = new Properties();
        Pipeline.overrides(serviceState).forEach((k, v) -> overrides.setProperty(k.toString(), v.toString()));
        Path extraConfig = extra == null ? null : extra.resolve(name + ".properties");
        if (extraConfig != null && Files.isRegularFile(extraConfig)) {
            try (var in = Files.newBufferedReader(extraConfig, StandardCharsets.UTF_8)) {
                overrides.load(in);
            }
        }
        try (OutputStream out = Files.newOutputStream(config)) {
            overrides.store(out, "bench --service-jvms: what the in-process stage sets on top of the "
                    + spec.command() + " defaults");
        }
        Path output = logs.resolve(name + ".log");
        Path gcLog = logs.resolve(name + "-gc.log");
        List<String> command = command(spec.command(), spec.applicationId(), bootstrap, serviceState, config, gcLog,
                heap, partitions, replication, jvmOptions(extra, name));
        command.addAll(settingOptions(spec.command(), settings));
        Files.writeString(logs.resolve(name + ".command"), String.join(" ", command) + "\n");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        p.getOutputStream().close(); // a service reads no input: its stdin is at end of file
        return new Service(name, spec.applicationId(), p, output, gcLog);
    }

    static List<String> command(String name, String applicationId, String bootstrap, Path stateDir, Path config,
                                Path gcLog, String heap, int partitions, short replication, List<String> jvmOptions) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> c = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc*:file=" + gcLog));
        c.addAll(jvmOptions);
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), Wirewatch.class.getName(),
                name, "--bootstrap-server", bootstrap,
                "--partitions", String.valueOf(partitions), "--replication-factor", String.valueOf(replication),
                "--state-dir", stateDir.toString(), "--application-id", applicationId, "--config", config.toString(),
                "--management-port", "0", "--management-bind", "127.0.0.1"));
        if (name.equals("aggregate")) {
            c.addAll(List.of("--http-port", "0", "--http-bind", "127.0.0.1"));
        }
        return c;
    }

    /** The options of {@code service} ({@code enrich}, {@code aggregate}) that carry {@code settings} it has one for. */
    static List<String> settingOptions(String service, Properties settings) {
        List<String> c = new ArrayList<>();
        String window = settings.getProperty(StoryWindow.CONFIG);
        if (service.equals("enrich") && window != null) {
            c.addAll(List.of(StoryWindowOptions.OPTION, window));
        }
        String decoded = settings.getProperty(StatusFoldProcessor.DECODED_BYTES_CONFIG);
        if (service.equals("aggregate") && decoded != null) {
            c.addAll(List.of(DecodedBytesOptions.OPTION, decoded));
        }
        return c;
    }

    /**
     * The extra JVM options of the service labelled {@code label} ({@code enrich}, {@code aggregate},
     * {@code aggregate-alone}): for experiments on one service at a time (a JFR recording, GC flags), the
     * directory {@code extraDir} ({@code bench --service-extra}) holds {@code LABEL.jvm}, options split at
     * whitespace, and {@code LABEL.properties}, extra {@code --config} keys; a missing file (or directory) adds
     * nothing.
     */
    static List<String> jvmOptions(Path extraDir, String label) throws IOException {
        Path file = extraDir == null ? null : extraDir.resolve(label + ".jvm");
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        String options = Files.readString(file, StandardCharsets.UTF_8).strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    @Override
    public void checkAlive() {
        for (Service s : services) {
            if (!s.process().isAlive()) {
                String tail = tail(s.output(), 3);
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the %s service JVM (pid %d, -Xmx%s) exited early with code %d%s; see its log %s (GC log %s)%s",
                        s.name(), s.pid(), heap, s.process().exitValue(),
                        tail.contains("OutOfMemoryError") ? ", out of memory" : "", s.output(), s.gcLog(),
                        tail.isEmpty() ? "" : "; it ends: " + tail));
            }
        }
    }

    @Override
    public void awaitProcessed(Duration timeout) throws InterruptedException {
        quiescence.await(timeout, this::checkAlive);
    }

    /** Reads each child's CPU and peak RSS, stops them, then prints those with the figures of their GC logs. */
    @Override
    public void report() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        List<Usage> usage = services.stream().map(s -> usage(s.process())).collect(Collectors.toList());
        stop();
        for (int i = 0; i < services.size(); i++) {
            Service s = services.get(i);
            log.println(line(s.name(), s.pid(), heap, wall, usage.get(i), GcLog.read(s.gcLog())));
        }
        finished = true;
    }

    static String line(String name, long pid, String heap, double wallSeconds, Usage u, GcLog gc) {
        return String.format(Locale.ROOT, "bench: service %s (own JVM, pid %d, -Xmx%s): CPU %.1f s over %.1f s wall "
                        + "(%.2f cores; GC threads %.1f s = %.0f%%, JIT %.1f s, RocksDB %.1f s), peak RSS %d MB; GC log: %s; "
                        + "GC pauses %.1f%% of the wall time",
                name, pid, heap, u.cpuSeconds(), wallSeconds, u.cpuSeconds() / Math.max(1e-9, wallSeconds),
                u.gcThreadSeconds(), 100 * u.gcThreadSeconds() / Math.max(1e-9, u.cpuSeconds()), u.jitSeconds(),
                u.rocksDbSeconds(), u.peakRssKb() >> 10, gc, gc.pauseMillis() / 10 / Math.max(1e-9, wallSeconds));
    }

    /** CPU of the whole process and of its GC, JIT and RocksDB threads (from /proc on Linux), and VmHWM. */
    static Usage usage(Process p) {
        double cpu = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        Path proc = Path.of("/proc", String.valueOf(p.pid()));
        double gc = 0;
        double jit = 0;
        double rocks = 0;
        for (Map.Entry<String, Long> e : Benchmark.ThreadCpu.nativeThreads(proc.resolve("task")).entrySet()) {
            String group = Benchmark.ThreadCpu.nativeGroup(e.getKey().substring(e.getKey().indexOf(' ') + 1));
            double s = e.getValue() / 100.0;
            if ("GC (native)".equals(group)) {
                gc += s;
            } else if ("JIT compilers (native)".equals(group)) {
                jit += s;
            } else if ("RocksDB flush/compaction (native)".equals(group)) {
                rocks += s;
            }
        }
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or the process is gone
        }
        return new Usage(cpu, gc, jit, rocks, hwm);
    }

    /** Stops every child: destroy (SIGTERM: the service closes its Streams), wait, then destroy forcibly. */
    private void stop() {
        services.forEach(s -> s.process().destroy());
        for (Service s : services) {
            try {
                if (!s.process().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    s.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                s.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        quiescence.close();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook runs anyway
        }
        if (deleteLogs && finished) {
            Benchmark.deleteQuietly(logDir);
        } else if (!finished) {
            log.printf("bench: the service JVMs' output and GC logs are kept in %s%n", logDir);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size())).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
