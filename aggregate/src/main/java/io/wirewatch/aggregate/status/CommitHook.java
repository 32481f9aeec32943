package io.wirewatch.aggregate.status;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.Map;

/**
 * A store that holds nothing: it lets the fold act right before every commit. Kafka Streams flushes
 * every task's store caches before it flushes the producer and commits (under exactly-once, inside
 * the transaction that commits the input offsets), and it does so on every commit, clean close and
 * revocation. The fold writes its buffered state and emits the tables changed since the last commit
 * then, so a table rewritten by many events of one commit is built, stored and sent once.
 *
 * <p>The hook is Streams' {@link CachedStateStore} contract, an internal interface (the one its own
 * record caches use to emit KTable updates at flush): a Kafka upgrade must keep
 * {@code AggregateTopologyTest} and the crash tests green. Re-initialising, recycling or closing the
 * store ({@code clearCache}, KAFKA-14172) drops what the fold holds unwritten, so after an aborted
 * transaction the restored stores are the truth.
 */
public final class CommitHook implements StateStore, CachedStateStore<Object, Object> {

    /** What the fold does at the hook. */
    public interface Listener {
        /** Before a commit: write what is held and emit. */
        void beforeCommit();

        /** The task's state is being reset: forget what is held without writing it. */
        void drop();
    }

    private static final Listener NONE = new Listener() {
        @Override public void beforeCommit() {}
        @Override public void drop() {}
    };

    private final String name;
    private Listener listener = NONE;
    private boolean open;

    CommitHook(String name) {
        this.name = name;
    }

    /** Set by the processor in its {@code init}: a task's processor and stores are made together. */
    public void listen(Listener l) {
        listener = l == null ? NONE : l;
    }

    @Override
    public void flushCache() {
        listener.beforeCommit();
    }

    @Override
    public void clearCache() {
        listener.drop();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> l, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        listener.drop();
        context.register(root, (key, value) -> { }); // nothing is logged, so nothing is restored
        open = true;
    }

    @Override
    public void close() {
        listener.drop();
        listener = NONE;
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** The builder: no data, so no changelog and no cache of its own. */
    public static StoreBuilder<CommitHook> builder(String name) {
        return new StoreBuilder<>() {
            @Override public StoreBuilder<CommitHook> withCachingEnabled() { return this; }
            @Override public StoreBuilder<CommitHook> withCachingDisabled() { return this; }
            @Override public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) { return this; }
            @Override public StoreBuilder<CommitHook> withLoggingDisabled() { return this; }
            @Override public CommitHook build() { return new CommitHook(name); }
            @Override public Map<String, String> logConfig() { return Map.of(); }
            @Override public boolean loggingEnabled() { return false; }
            @Override public String name() { return name; }
        };
    }
}
