package io.wirewatch.common.kafka;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedRocksDbConfigTest {

    @Test
    void theServicesUseIt() {
        Properties p = StreamsDefaults.base("app", "127.0.0.1:9092", "aggregate");
        assertThat(p.get("rocksdb.config.setter")).isEqualTo(BoundedRocksDbConfig.class.getName());
    }

    @Test
    void everyStoreGetsSmallMemtablesAndTheSharedCache() {
        RocksDB.loadLibrary();
        try (Options a = new Options().setTableFormatConfig(new BlockBasedTableConfig()).setOptimizeFiltersForHits(true);
             Options b = new Options().setTableFormatConfig(new BlockBasedTableConfig()).setOptimizeFiltersForHits(true)) {
            new BoundedRocksDbConfig().setConfig("org-rows", a, Map.of());
            new BoundedRocksDbConfig().setConfig("org-tables", b, Map.of());
            for (Options o : new Options[] {a, b}) {
                assertThat(o.writeBufferSize()).isEqualTo(1L << 20);
                assertThat(o.maxWriteBufferNumber()).isEqualTo(2);
                assertThat(o.arenaBlockSize()).isEqualTo(BoundedRocksDbConfig.ARENA_BLOCK_SIZE);
                BlockBasedTableConfig t = (BlockBasedTableConfig) o.tableFormatConfig();
                assertThat(t.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(t.blockSize()).isEqualTo(16 * 1024);
                // index and filters in small partitions, and a filter in every level (misses are the common read)
                assertThat(t.indexType()).isEqualTo(IndexType.kTwoLevelIndexSearch);
                assertThat(t.partitionFilters()).isTrue();
                assertThat(o.optimizeFiltersForHits()).isFalse();
            }
        }
    }

    @Test
    void aBadBudgetIsRefusedBeforeStartNamingTheKey() {
        Properties p = new Properties();
        p.put(BoundedRocksDbConfig.TOTAL_BYTES_CONFIG, "lots");
        assertThatThrownBy(() -> StreamsConfigCheck.validate(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(BoundedRocksDbConfig.TOTAL_BYTES_CONFIG);
        p.put(BoundedRocksDbConfig.TOTAL_BYTES_CONFIG, "0");
        assertThatThrownBy(() -> StreamsConfigCheck.validate(p)).hasMessageContaining("positive");
        p.put(BoundedRocksDbConfig.TOTAL_BYTES_CONFIG, String.valueOf(8L << 20));
        p.put(BoundedRocksDbConfig.MEMTABLE_BYTES_CONFIG, String.valueOf(16L << 20));
        assertThatThrownBy(() -> StreamsConfigCheck.validate(p)).hasMessageContaining(BoundedRocksDbConfig.MEMTABLE_BYTES_CONFIG);
        p.put(BoundedRocksDbConfig.MEMTABLE_BYTES_CONFIG, String.valueOf(4L << 20));
        StreamsConfigCheck.validate(p);
    }

    /**
     * Forty stores (a pipeline JVM has about thirty) each taking small writes: the memtables hold a few KB
     * each, far below the memtable budget, so no store flushes. With RocksDB's default arena blocks (an eighth
     * of the memtable) forty memtables counted 20 MB against the 16 MB budget and every write flushed.
     */
    @Test
    void smallWritesToManyStoresStayInTheirMemtables(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // the cache and write buffer manager are the JVM's: the defaults, as the other tests make them
        RocksDB.loadLibrary();
        int stores = 40;
        java.util.List<Options> options = new java.util.ArrayList<>();
        java.util.List<RocksDB> dbs = new java.util.ArrayList<>();
        try (org.rocksdb.WriteOptions noWal = new org.rocksdb.WriteOptions().setDisableWAL(true)) {
            open(stores, dir, options, dbs);
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < stores; i++) {
                    dbs.get(i).put(noWal, ("key-" + round).getBytes(), new byte[200]);
                }
            }
            // a flush switches the memtable in the write that asks for it: every write is still in the first one
            for (RocksDB db : dbs) {
                assertThat(db.getLongProperty("rocksdb.num-entries-active-mem-table")).isEqualTo(20);
            }
        } finally {
            dbs.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    /**
     * Aggregate's JVM holds 27 stores (9 per task, 3 tasks), and some take large values (a table of several hundred
     * KB) while the router's stores take a small write per article. With 4 MB memtables under a 16 MB budget the
     * large stores' memtables alone passed the budget, and the write buffer manager then flushed whichever store was
     * written next, nearly always a router store: thousands of tiny SST files, compactions and write stalls,
     * aggregate at half its rate (BENCHMARKS.md, "Memtables"). Memtables small enough that the stores flush on
     * their own size before the budget is reached keep the small stores' writes in their first memtable.
     */
    @Test
    void largeWritesToSomeStoresDoNotFlushTheSmallOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        RocksDB.loadLibrary();
        int stores = 27;
        int large = 9;
        int rounds = 48;
        java.util.List<Options> options = new java.util.ArrayList<>();
        java.util.List<RocksDB> dbs = new java.util.ArrayList<>();
        try (org.rocksdb.WriteOptions noWal = new org.rocksdb.WriteOptions().setDisableWAL(true)) {
            open(stores, dir, options, dbs);
            java.util.Random random = new java.util.Random(7);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < stores; i++) {
                    byte[] value = new byte[i < large ? 100 * 1024 : 200];
                    random.nextBytes(value); // incompressible, as encoded tables nearly are
                    dbs.get(i).put(noWal, ("key-" + round).getBytes(), value);
                }
            }
            for (int i = large; i < stores; i++) {
                assertThat(dbs.get(i).getLongProperty("rocksdb.num-entries-active-mem-table"))
                        .as("small writes to store-%d, beside %d stores taking %d KB each", i, large, rounds * 100)
                        .isEqualTo(rounds);
            }
        } finally {
            dbs.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }

    /** {@code stores} RocksDB stores under {@code dir}, each configured as Streams configures a wirewatch store. */
    private static void open(int stores, java.nio.file.Path dir, java.util.List<Options> options, java.util.List<RocksDB> dbs)
            throws org.rocksdb.RocksDBException {
        for (int i = 0; i < stores; i++) {
            Options o = new Options().setCreateIfMissing(true).setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDbConfig().setConfig("store-" + i, o, Map.of());
            options.add(o);
            dbs.add(RocksDB.open(o, dir.resolve("store-" + i).toString()));
        }
    }
}
