package io.wirewatch.enrich.stories;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/** A real Kafka Streams in-memory store, opened without a topology, for the store layers' tests. */
final class InMemoryStores {

    private InMemoryStores() {}

    static <V> KeyValueStore<String, V> open(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                values).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    /** {@code store}, counting its point reads in {@code gets} and its range reads in {@code ranges} (each unless null). */
    @SuppressWarnings("unchecked")
    static KeyValueStore<String, String> counting(KeyValueStore<String, String> store, AtomicLong gets, AtomicLong ranges) {
        return (KeyValueStore<String, String>) Proxy.newProxyInstance(InMemoryStores.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, m, args) -> {
                    AtomicLong counter = m.getName().equals("get") ? gets : m.getName().equals("range") ? ranges : null;
                    if (counter != null) {
                        counter.incrementAndGet();
                    }
                    try {
                        return m.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
