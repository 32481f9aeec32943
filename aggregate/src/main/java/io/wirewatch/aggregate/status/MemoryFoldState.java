package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.SmileSerde;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The fold's state in sorted maps: for {@link StatusFolder#fold(OrgLedger)} and tests, and, with
 * {@link #serialized()}, for benchmarks that pay the stores' serde cost without RocksDB.
 */
public final class MemoryFoldState implements FoldState {

    private final MapTable<OrgEvent> articles;
    private final MapTable<StoryDates> stories;
    private final MapTable<RowState> rows;
    private final MapTable<OutletTally> tallies;
    private final MapTable<EvidenceTally> evidence;
    private final MapTable<OrgNames> names;
    private final MapTable<OrgStatus> tables;
    /** Rows' JSON by organisation, while tables are kept as objects (decoded anew, their rows are other objects). */
    private final Table<TableBound.Encoded> encoded;

    public MemoryFoldState() {
        this(false);
    }

    private MemoryFoldState(boolean serialized) {
        articles = new MapTable<>(OrgEvent.class, serialized);
        stories = new MapTable<>(StoryDates.class, serialized);
        rows = new MapTable<>(RowState.class, serialized);
        tallies = new MapTable<>(OutletTally.class, serialized);
        evidence = new MapTable<>(EvidenceTally.class, serialized);
        names = new MapTable<>(OrgNames.class, serialized);
        tables = new MapTable<>(OrgStatus.class, serialized);
        Map<String, TableBound.Encoded> byOrg = new HashMap<>();
        encoded = serialized ? NOTHING : new Table<>() {
            @Override public TableBound.Encoded get(String key) { return byOrg.get(key); }

            @Override
            public void put(String key, TableBound.Encoded value) {
                if (value == null || tables.map.get(key) == null) {
                    byOrg.remove(key);
                } else {
                    byOrg.put(key, value);
                }
            }
        };
    }

    /** State whose values are kept as the stores' Smile bytes: every read and write pays the serde. */
    public static MemoryFoldState serialized() {
        return new MemoryFoldState(true);
    }

    @Override public Table<OrgEvent> articles() { return articles; }
    @Override public Table<StoryDates> stories() { return stories; }
    @Override public Table<RowState> rows() { return rows; }
    @Override public Table<OutletTally> tallies() { return tallies; }
    @Override public Table<EvidenceTally> evidence() { return evidence; }
    @Override public Table<OrgNames> names() { return names; }
    @Override public Table<OrgStatus> tables() { return tables; }
    @Override public Table<TableBound.Encoded> encoded() { return encoded; }

    @Override
    public List<EvidenceTally> lastEvidence(String prefix, int n) {
        List<EvidenceTally> out = new ArrayList<>();
        for (Object e : evidence.map.subMap(prefix, true, prefix + '\uffff', false).descendingMap().values()) {
            if (out.size() == n) {
                break;
            }
            out.add(evidence.decode.apply(e));
        }
        Collections.reverse(out);
        return out;
    }

    /** Every stored table, by organisation id. */
    public Map<String, OrgStatus> allTables() {
        Map<String, OrgStatus> out = new TreeMap<>();
        tables.map.forEach((k, v) -> out.put(k, tables.decode.apply(v)));
        return out;
    }

    private static final class MapTable<V> implements Table<V> {
        final NavigableMap<String, Object> map = new TreeMap<>();
        final Function<V, Object> encode;
        final Function<Object, V> decode;

        @SuppressWarnings("unchecked")
        MapTable(Class<V> type, boolean serialized) {
            if (serialized) {
                SmileSerde<V> serde = SmileSerde.of(type);
                encode = v -> serde.serializer().serialize("", v);
                decode = b -> serde.deserializer().deserialize("", (byte[]) b);
            } else {
                encode = v -> v;
                decode = o -> (V) o;
            }
        }

        @Override
        public V get(String key) {
            Object v = map.get(key);
            return v == null ? null : decode.apply(v);
        }

        @Override
        public void put(String key, V value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, encode.apply(value));
            }
        }
    }
}
