package io.wirewatch.aggregate.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import io.wirewatch.common.kafka.DlqExceptionHandlers;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.serde.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The byte budget of a published status table ({@code org.status.v1} value, JSON). A table within the
 * budget is published as it is, byte for byte. A larger one is cut, the same way whatever order its
 * claims came in, since the cut depends on the table only:
 * <ol>
 *   <li>every row keeps its {@code k} newest evidence sentences (newest by the evidence's own key:
 *       publish date, article id, sentence), the largest {@code k} from {@link StatusFolder#MAX_EVIDENCE}
 *       down to 0 that fits;</li>
 *   <li>when no evidence at all still does not fit, every row keeps the {@code h} latest entries of its
 *       history, the largest {@code h} that fits, down to 0;</li>
 *   <li>rows (jurisdiction, list, status, since, sources, confidence) are never dropped: a table with
 *       more rows than the budget carries even so is published with all of them, past the budget.</li>
 * </ol>
 * Every row of a cut table says what it left out: {@code evidenceTotal}, the evidence sentences the row
 * has in the fold's state (all of them, not only the {@value StatusFolder#MAX_EVIDENCE} newest), and
 * {@code historyOmitted}, the earlier history entries left out. A table within the budget has neither
 * field. The fold's state keeps every sentence ({@code org-row-evidence}) and the whole history
 * ({@code org-rows}); the {@code org-tables} store (the HTTP API) keeps the table uncut up to
 * {@link #STORE_MAX_BYTES} and cut the same way past it, so that no changelog record passes the
 * producers' record limit either ({@link OrgFold} refolds a cut row from its state when it needs it whole).
 */
public final class TableBound {

    /** The Streams property that sets the budget, in bytes of one table's JSON. */
    public static final String MAX_BYTES_CONFIG = "wirewatch.status.max.table.bytes";
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;
    /** Below this a table of a few rows could no longer carry any evidence. */
    public static final int MIN_MAX_BYTES = 16 * 1024;
    /** Room under the record limit of the services' producers for the key and headers. */
    public static final int MAX_MAX_BYTES = DlqExceptionHandlers.DEFAULT_MAX_RECORD_BYTES - 64 * 1024;

    private static final ObjectWriter WRITER = Json.MAPPER.writer();

    private TableBound() {}

    /** The budget a configuration sets (its default when unset); a bad value is refused with the reason. */
    public static int maxBytes(Map<?, ?> configs) {
        Object v = configs == null ? null : configs.get(MAX_BYTES_CONFIG);
        if (v == null || v.toString().isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        long n = bytes(v, MIN_MAX_BYTES, MAX_MAX_BYTES);
        if (n < 0) {
            throw invalid(v);
        }
        return (int) n;
    }

    /** A setting's number of bytes if it is one from {@code min} to {@code max}, else -1. */
    static long bytes(Object v, long min, long max) {
        try {
            long n = Long.parseLong(v.toString().trim());
            return n < min || n > max ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static IllegalArgumentException invalid(Object v) {
        return new IllegalArgumentException(MAX_BYTES_CONFIG + " must be a number of bytes from " + MIN_MAX_BYTES
                + " to " + MAX_MAX_BYTES + " (the largest org.status.v1 table published; default " + DEFAULT_MAX_BYTES
                + "), not '" + v + "'");
    }

    /** A row of a cut table: a {@link JurisdictionRow} with what it left out. */
    public record Row(String code, String name, String list, String status, String since, List<HistoryEntry> history,
                      List<Evidence> evidence, int sources, double confidence,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer evidenceTotal,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer historyOmitted) {
    }

    /** A cut table: an {@link OrgStatus} whose rows are {@link Row}s. */
    public record Table(String id, String name, List<String> aliases, List<Row> jurisdictions) {
    }

    /**
     * The largest table the fold keeps in {@code org-tables} (its JSON, what the store and its changelog hold,
     * {@link StoredTables}): under the producers' record limit, whatever the budget.
     */
    public static final int STORE_MAX_BYTES = MAX_MAX_BYTES;

    /**
     * What {@link #publish} chose: the bytes, the evidence and history kept per row (-1: all), and
     * the same for the table to store, cut only past {@link #STORE_MAX_BYTES}; and the JSON of the table's
     * rows for the next publish of it (with the rows themselves when the table is stored cut).
     */
    public record Published(byte[] json, int evidencePerRow, int historyPerRow,
                            int storedEvidencePerRow, int storedHistoryPerRow, Encoded encoded) {
        public boolean cut() {
            return evidencePerRow >= 0;
        }

        /** The table to store: {@code table} itself, or cut like a published table past the store's limit. */
        public OrgStatus stored(OrgStatus table) {
            if (table == null || storedEvidencePerRow < 0) {
                return table;
            }
            List<JurisdictionRow> rows = new ArrayList<>(table.jurisdictions().size());
            for (JurisdictionRow r : table.jurisdictions()) {
                Row c = row(r, 0, storedEvidencePerRow, storedHistoryPerRow < 0 ? Integer.MAX_VALUE : storedHistoryPerRow);
                rows.add(new JurisdictionRow(c.code(), c.name(), c.list(), c.status(), c.since(), c.history(),
                        c.evidence(), c.sources(), c.confidence()));
            }
            return new OrgStatus(table.id(), table.name(), table.aliases(), rows);
        }

        /**
         * The JSON of {@code stored} ({@link #stored}{@code (table)}) for the {@code org-tables} store: the published
         * bytes when the table was not cut, else assembled from its rows' JSON (a row's whole JSON is encoded once per
         * row value); only a table stored cut, past {@link #STORE_MAX_BYTES}, is encoded whole again.
         */
        public byte[] storedJson(OrgStatus stored) {
            if (stored == null) {
                return null;
            }
            if (!cut()) {
                return json;
            }
            if (storedEvidencePerRow >= 0) {
                return Json.writeBytes(stored);
            }
            List<RawValue> out = new ArrayList<>(stored.jurisdictions().size());
            for (JurisdictionRow r : stored.jurisdictions()) {
                out.add(encoded.json(r).whole());
            }
            return Json.writeBytes(new Assembled(stored.id(), stored.name(), stored.aliases(), out));
        }

        /**
         * {@link HeapWeight#table} of {@code stored}, from the weights of its rows kept with their JSON (each row
         * weighed once per row value); a table stored cut is weighed whole.
         */
        public long storedHeap(OrgStatus stored) {
            if (stored == null) {
                return 0;
            }
            if (storedEvidencePerRow >= 0) {
                return HeapWeight.table(stored);
            }
            long w = HeapWeight.tableWithoutRows(stored);
            for (JurisdictionRow r : stored.jurisdictions()) {
                w += HeapWeight.REF + encoded.json(r).heap();
            }
            return w;
        }
    }

    /**
     * The table's JSON within {@code maxBytes}, cut as the class says when it is larger.
     * {@code evidenceTotal} gives a row's count of evidence sentences in the fold's state.
     */
    public static Published publish(OrgStatus table, ToIntFunction<JurisdictionRow> evidenceTotal, int maxBytes) {
        return publish(table, evidenceTotal, maxBytes, null);
    }

    /**
     * {@link #publish(OrgStatus, ToIntFunction, int)}, reusing what {@code previous} (the {@link Published#encoded()}
     * of an earlier table, or null) holds for the rows this table still has: the JSON of a row, and the sizes of its
     * entries, are computed once per row value, so a table of which one row changed costs that row's encoding and
     * the copy of the others' bytes. The bytes are the same as the whole table's encoding (Jackson writes every row
     * it did not cache, and the table around the rows it did, as raw values).
     */
    public static Published publish(OrgStatus table, ToIntFunction<JurisdictionRow> evidenceTotal, int maxBytes,
                                    Encoded previous) {
        if (table == null) {
            return new Published(null, -1, -1, -1, -1, null);
        }
        List<JurisdictionRow> rows = table.jurisdictions();
        int n = rows.size();
        Encoded encoded = new Encoded(n);
        RowJson[] json = new RowJson[n];
        for (int i = 0; i < n; i++) {
            JurisdictionRow r = rows.get(i);
            RowJson j = previous == null ? null : previous.rows.get(r);
            json[i] = j == null ? new RowJson(r) : j;
            encoded.rows.put(r, json[i]);
        }
        // the whole table's size, exactly: the table without rows, each row's size, the commas between them
        long whole = size(new Assembled(table.id(), table.name(), table.aliases(), List.of())) + Math.max(0, n - 1);
        boolean parts = previous != null && previous.cut; // sized from the entries' sizes, which a cut needs
        for (RowJson j : json) {
            whole += j.size(parts);
        }
        if (whole <= maxBytes) {
            List<RawValue> out = new ArrayList<>(n);
            for (RowJson j : json) {
                out.add(j.whole());
            }
            byte[] bytes = Json.writeBytes(new Assembled(table.id(), table.name(), table.aliases(), out));
            encoded.cut = false;
            return new Published(bytes, -1, -1, -1, -1, encoded); // within the budget, so within the store's
        }
        int[] totals = new int[n];
        int maxEvidence = 0;
        int maxHistory = 0;
        // the table with no evidence and no history, each row saying it left out no history entry;
        // a row's size then grows by its entries (and the commas between them) and historyOmitted's digits
        long skeleton = size(new Assembled(table.id(), table.name(), table.aliases(), List.of())) + Math.max(0, n - 1);
        for (int i = 0; i < n; i++) {
            JurisdictionRow r = rows.get(i);
            totals[i] = Math.max(evidenceTotal.applyAsInt(r), r.evidence().size());
            maxEvidence = Math.max(maxEvidence, json[i].evidence().length);
            maxHistory = Math.max(maxHistory, json[i].history().length);
            skeleton += json[i].bare(totals[i]);
        }
        List<int[]> candidates = new ArrayList<>();
        for (int k = Math.min(maxEvidence, StatusFolder.MAX_EVIDENCE); k >= 0; k--) {
            candidates.add(new int[]{k, Integer.MAX_VALUE});
        }
        for (int h = maxHistory - 1; h >= 0; h--) {
            candidates.add(new int[]{0, h});
        }
        long[] predicted = new long[candidates.size()];
        int stored = -1; // the first candidate within the store's limit; the first one is the whole table
        for (int c = 0; c < candidates.size(); c++) {
            int h = candidates.get(c)[1];
            predicted[c] = skeleton;
            for (int i = 0; i < n; i++) {
                long[] history = json[i].history();
                int keptHistory = Math.min(h, history.length);
                predicted[c] += entries(json[i].evidence(), candidates.get(c)[0]) + entries(history, keptHistory)
                        + digits(history.length - keptHistory) - 1;
            }
            if (stored < 0 && (predicted[c] <= STORE_MAX_BYTES || c == candidates.size() - 1)) {
                stored = c;
            }
        }
        int storedEvidence = stored == 0 ? -1 : candidates.get(stored)[0];
        int storedHistory = stored == 0 || candidates.get(stored)[1] == Integer.MAX_VALUE ? -1 : candidates.get(stored)[1];
        for (int c = 0; c < candidates.size(); c++) {
            int k = candidates.get(c)[0];
            int h = candidates.get(c)[1];
            boolean last = c == candidates.size() - 1;
            if (predicted[c] > maxBytes && !last) {
                continue;
            }
            List<RawValue> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(json[i].cut(totals[i], k, h));
            }
            byte[] bytes = Json.writeBytes(new Assembled(table.id(), table.name(), table.aliases(), out));
            if (bytes.length <= maxBytes || last) {
                encoded.cut = true;
                if (storedEvidence >= 0) {
                    encoded.keepWhole(rows); // the table is stored with other rows: these are held, and weighed, here
                }
                return new Published(bytes, k, h == Integer.MAX_VALUE ? -1 : h, storedEvidence, storedHistory, encoded);
            }
        }
        throw new IllegalStateException("unreachable: the last candidate is always published");
    }

    /**
     * The JSON of a table's rows, by row (identity: rows are immutable values), for the next {@link #publish}
     * of the same organisation's table: its rows that did not change are the same objects. It holds the rows of
     * one table only, as keys; {@link #bytes()} is what it holds besides them.
     */
    public static final class Encoded {
        private final IdentityHashMap<JurisdictionRow, RowJson> rows;
        /** Whether the table was published cut (its next one likely is too). */
        private boolean cut;
        /**
         * For a table stored cut ({@link #STORE_MAX_BYTES}), its rows whole by jurisdiction and list: as they were
         * folded, so that rows not touched since need not be refolded from the state; else null.
         */
        private Map<String, JurisdictionRow> whole;

        private void keepWhole(List<JurisdictionRow> rows) {
            whole = new HashMap<>(rows.size() * 2);
            for (JurisdictionRow r : rows) {
                whole.put(r.code() + '\u0000' + (r.list() == null ? "" : r.list()), r);
            }
        }

        /**
         * The row of this jurisdiction and list as last folded, when the table was stored cut (null otherwise):
         * what folding it again gives while its state has not changed since.
         */
        public JurisdictionRow whole(String code, String list) {
            return whole == null ? null : whole.get(code + '\u0000' + (list == null ? "" : list));
        }

        private Encoded(int n) {
            rows = new IdentityHashMap<>(n);
        }

        /** The bytes held besides the rows themselves (their JSON, the sizes of their entries), for a cache's weight. */
        public long bytes() {
            long b = 64;
            for (RowJson j : rows.values()) {
                b += 32 + j.bytes();
            }
            if (whole != null) {
                for (JurisdictionRow r : whole.values()) {
                    b += 48 + json(r).heap();
                }
            }
            return b;
        }

        int size() {
            return rows.size();
        }

        /** The JSON of one of the table's rows (a new one for a row it does not hold: not expected). */
        private RowJson json(JurisdictionRow r) {
            RowJson j = rows.get(r);
            return j == null ? new RowJson(r) : j;
        }
    }

    /** One row's JSON, whole and as last cut, and the JSON sizes of its entries, each computed once when needed. */
    private static final class RowJson {
        private final JurisdictionRow row;
        private RawValue whole;
        private long size = -1;
        private long[] evidence; // the JSON size of its evidence entries, newest first
        private long[] history; // of its history entries, latest first
        private int bareTotal = -1;
        private long bare;
        private int cutTotal = -1;
        private int cutK;
        private int cutH;
        private RawValue cut;
        private long heap = -1;

        RowJson(JurisdictionRow row) {
            this.row = row;
        }

        /** {@link HeapWeight#row(JurisdictionRow)} of the row, walked once per row value. */
        long heap() {
            if (heap < 0) {
                heap = HeapWeight.row(row);
            }
            return heap;
        }

        /**
         * The size of the row's JSON: of its bytes, or, when {@code parts} and they are not held, from its parts
         * (the row without evidence and history, then each entry), which a cut needs anyway.
         */
        long size(boolean parts) {
            if (size < 0) {
                size = whole == null && parts ? TableBound.size(new JurisdictionRow(row.code(), row.name(), row.list(),
                        row.status(), row.since(), List.of(), List.of(), row.sources(), row.confidence()))
                        + entries(evidence(), evidence().length) + entries(history(), history().length)
                        : ((Raw) whole().rawValue()).bytes.length;
            }
            return size;
        }

        RawValue whole() {
            if (whole == null) {
                whole = raw(row);
            }
            return whole;
        }

        long[] evidence() {
            if (evidence == null) {
                evidence = newestFirst(row.evidence());
            }
            return evidence;
        }

        long[] history() {
            if (history == null) {
                history = newestFirst(row.history());
            }
            return history;
        }

        /** The size of the row with no evidence and no history, its counts {@code total} and 0. */
        long bare(int total) {
            if (bareTotal != total) {
                bare = TableBound.size(new Row(row.code(), row.name(), row.list(), row.status(), row.since(), List.of(),
                        List.of(), row.sources(), row.confidence(), total, 0));
                bareTotal = total;
            }
            return bare;
        }

        RawValue cut(int total, int k, int h) {
            if (cut == null || cutTotal != total || cutK != k || cutH != h) {
                cut = raw(TableBound.row(row, total, k, h));
                cutTotal = total;
                cutK = k;
                cutH = h;
            }
            return cut;
        }

        long bytes() {
            return 104 + (whole == null ? 0 : 16 + ((Raw) whole.rawValue()).bytes.length)
                    + (cut == null ? 0 : 16 + ((Raw) cut.rawValue()).bytes.length)
                    + (evidence == null ? 0 : 16 + 8L * evidence.length) + (history == null ? 0 : 16 + 8L * history.length);
        }
    }
    /** The row with its {@code k} newest evidence entries and {@code h} latest history entries. */
    private static Row row(JurisdictionRow r, int evidenceTotal, int k, int h) {
        List<Evidence> ev = r.evidence();
        List<HistoryEntry> hist = r.history();
        // copies, not views: a cut table held decoded must not keep the whole lists it was cut from alive
        List<Evidence> keptEvidence = List.copyOf(ev.subList(ev.size() - Math.min(k, ev.size()), ev.size()));
        List<HistoryEntry> keptHistory = List.copyOf(hist.subList(hist.size() - Math.min(h, hist.size()), hist.size()));
        return new Row(r.code(), r.name(), r.list(), r.status(), r.since(), keptHistory, keptEvidence, r.sources(),
                r.confidence(), evidenceTotal, hist.size() - keptHistory.size());
    }

    /** The JSON sizes of a list's entries, last entry first. */
    private static long[] newestFirst(List<?> entries) {
        long[] out = new long[entries.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = size(entries.get(entries.size() - 1 - i));
        }
        return out;
    }

    /** What the first {@code k} entries add to an empty JSON array: their sizes and the commas between them. */
    private static long entries(long[] sizes, int k) {
        long s = 0;
        for (int i = 0; i < k && i < sizes.length; i++) {
            s += sizes[i] + (i == 0 ? 0 : 1);
        }
        return s;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static long size(Object value) {
        Counting c = new Counting();
        try {
            WRITER.writeValue(c, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c.count;
    }

    /**
     * A table as published: its rows already JSON. The same fields in the same order as {@link OrgStatus} and
     * {@link Table}, so that Jackson writes the same bytes around the rows.
     */
    private record Assembled(String id, String name, List<String> aliases, List<RawValue> jurisdictions) {
    }

    /** A value's JSON by Jackson, to be written back as it is. */
    private static RawValue raw(Object value) {
        return new RawValue(new Raw(Json.writeBytes(value)));
    }

    /**
     * JSON bytes that a generator copies as a raw value ({@link JsonGenerator#writeRawValue(SerializableString)}):
     * the unquoted forms are the bytes; there is no quoted form (raw JSON is not a string to escape).
     */
    private static final class Raw implements SerializableString {
        final byte[] bytes;

        Raw(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override public String getValue() { return new String(bytes, StandardCharsets.UTF_8); }
        @Override public int charLength() { return getValue().length(); }
        @Override public char[] asQuotedChars() { throw quoted(); }
        @Override public byte[] asUnquotedUTF8() { return bytes; }
        @Override public byte[] asQuotedUTF8() { throw quoted(); }
        @Override public int appendQuotedUTF8(byte[] buffer, int offset) { throw quoted(); }
        @Override public int appendQuoted(char[] buffer, int offset) { throw quoted(); }
        @Override public int writeQuotedUTF8(OutputStream out) { throw quoted(); }
        @Override public int putQuotedUTF8(ByteBuffer buffer) { throw quoted(); }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String s = getValue();
            if (offset + s.length() > buffer.length) {
                return -1;
            }
            s.getChars(0, s.length(), buffer, offset);
            return s.length();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (bytes.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }

        private static UnsupportedOperationException quoted() {
            return new UnsupportedOperationException("raw JSON has no quoted form");
        }
    }

    /** Counts bytes, keeps none. */
    private static final class Counting extends OutputStream {
        long count;

        @Override public void write(int b) { count++; }
        @Override public void write(byte[] b, int off, int len) { count += len; }
    }
}
