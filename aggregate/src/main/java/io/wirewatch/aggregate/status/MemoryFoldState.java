package io.wirewatch.aggregate.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The fold's state in sorted maps: for {@link StatusFolder#fold(OrgLedger)}, tests and benchmarks. */
public final class MemoryFoldState implements FoldState {

    private final MapTable<OrgEvent> articles = new MapTable<>();
    private final MapTable<StoryDates> stories = new MapTable<>();
    private final MapTable<RowState> rows = new MapTable<>();
    private final MapTable<OutletTally> tallies = new MapTable<>();
    private final MapTable<EvidenceTally> evidence = new MapTable<>();
    private final MapTable<OrgTable> tables = new MapTable<>();

    @Override public Table<OrgEvent> articles() { return articles; }
    @Override public Table<StoryDates> stories() { return stories; }
    @Override public Table<RowState> rows() { return rows; }
    @Override public Table<OutletTally> tallies() { return tallies; }
    @Override public Table<EvidenceTally> evidence() { return evidence; }
    @Override public Table<OrgTable> tables() { return tables; }

    @Override
    public List<EvidenceTally> lastEvidence(String prefix, int n) {
        List<EvidenceTally> out = new ArrayList<>();
        for (EvidenceTally e : evidence.map.subMap(prefix, true, prefix + '\uffff', false).descendingMap().values()) {
            if (out.size() == n) {
                break;
            }
            out.add(e);
        }
        Collections.reverse(out);
        return out;
    }

    /** Every stored table, by organisation id. */
    public Map<String, OrgTable> allTables() {
        return Collections.unmodifiableMap(tables.map);
    }

    private static final class MapTable<V> implements Table<V> {
        final NavigableMap<String, V> map = new TreeMap<>();

        @Override
        public V get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, V value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }
    }
}
