package io.wirewatch.common.kafka;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM, the way Kafka Streams' memory
 * management docs describe: one LRU block cache shared by all stores, with index and filter blocks
 * counted in it, and a write buffer manager charging the memtables to the same cache. Without it
 * each store (and each task's copy) takes its own 50 MB block cache and three 16 MB memtables, so
 * off-heap use grows with the number of stores times partitions.
 *
 * <p>{@value #TOTAL_BYTES_CONFIG} (default 64 MB) is the whole budget, {@value #MEMTABLE_BYTES_CONFIG}
 * (default 32 MB) the part of it memtables may take. The first store opened in the JVM fixes the
 * sizes: the cache is per process, shared by every Streams application in it.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    public static final String TOTAL_BYTES_CONFIG = "wirewatch.rocksdb.total.bytes";
    public static final String MEMTABLE_BYTES_CONFIG = "wirewatch.rocksdb.memtable.bytes";
    public static final long DEFAULT_TOTAL_BYTES = 64L << 20;
    public static final long DEFAULT_MEMTABLE_BYTES = 32L << 20;

    /** Share of the cache kept for index and filter blocks, so data blocks cannot evict them. */
    private static final double INDEX_FILTER_RATIO = 0.1;
    /**
     * Data blocks of 16 KB, not Streams' 4 KB: story reads have locality in key order (recent stories are neighbours), so
     * at 1M stored stories 4 KB blocks missed the block cache 2.2x as often and cost more; 8 KB and the data block hash
     * index gained nothing measurable (BENCHMARKS.md, "Cost per article against stored stories", eighth session).
     */
    private static final long BLOCK_SIZE = 16 * 1024;
    /** Size of one partition of a store's index and of its filter: what a read loads into the cache. */
    private static final long METADATA_BLOCK_SIZE = 4 * 1024;
    private static final int MEMTABLES_PER_STORE = 2;
    /**
     * Small enough that the stores of a service (aggregate's JVM holds 27) flush on their own size before the
     * memtable budget is reached. The write buffer manager flushes the store being written, not the fullest one:
     * with 4 MB memtables under 16 MB, aggregate's table stores filled the budget alone and every small write of the
     * router's stores flushed them, thousands of tiny files and write stalls (BENCHMARKS.md, "Memtables").
     */
    private static final long MEMTABLE_SIZE = 1L << 20;
    /**
     * A memtable takes memory from its arena in blocks of this size. RocksDB's default is an eighth of the
     * memtable (512 KB here), and the write buffer manager counts whole blocks: with the ~30 stores of a
     * pipeline JVM (enrich's 7, aggregate's 9 per task) every memtable holding a single write already passed
     * the memtable budget, so every write flushed its store's memtable, a tiny SST file each time, and the
     * compactions that merge them took more CPU than any thread but the stream threads (BENCHMARKS.md,
     * wt-e2ecpu2). With small blocks a memtable counts about what it holds, and stores flush when memtables fill.
     */
    static final long ARENA_BLOCK_SIZE = 32 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long[] sizes = sizes(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        synchronized (BoundedRocksDbConfig.class) {
            if (cache == null) {
                cache = new LRUCache(sizes[0], -1, false, INDEX_FILTER_RATIO);
                writeBuffers = new WriteBufferManager(sizes[1], cache);
            }
            table.setBlockCache(cache);
            options.setWriteBufferManager(writeBuffers);
        }
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        // Partitioned index and filters: a store of a few GB has index and filter blocks of several MB per
        // SST file, which a 64 MB cache cannot keep, so every read past the cache reloaded whole MB-sized
        // blocks. Partitions are small blocks cached like data; only the top level stays pinned.
        table.setIndexType(IndexType.kTwoLevelIndexSearch);
        table.setPartitionFilters(true);
        table.setMetadataBlockSize(METADATA_BLOCK_SIZE);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        // Streams turns filters off in the last level (optimizeFiltersForHits), but the near-copy bands and
        // text hashes are looked up for every article and almost always miss: keep the filter everywhere.
        options.setOptimizeFiltersForHits(false);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setArenaBlockSize(ARENA_BLOCK_SIZE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed here
    }

    /** Throws {@link ConfigException} naming the key when a size is not a positive number or memtables exceed the total. */
    public static void validate(Map<String, Object> configs) {
        sizes(configs);
    }

    private static long[] sizes(Map<String, Object> configs) {
        long total = bytes(configs, TOTAL_BYTES_CONFIG, DEFAULT_TOTAL_BYTES);
        long memtables = bytes(configs, MEMTABLE_BYTES_CONFIG, DEFAULT_MEMTABLE_BYTES);
        if (memtables > total) {
            throw new ConfigException(MEMTABLE_BYTES_CONFIG, configs.get(MEMTABLE_BYTES_CONFIG),
                    "must not exceed " + TOTAL_BYTES_CONFIG + " (" + total + " bytes): memtables are charged to the cache");
        }
        return new long[] {total, memtables};
    }

    private static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object v = configs.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(key, v, "must be a positive number of bytes");
    }
}
