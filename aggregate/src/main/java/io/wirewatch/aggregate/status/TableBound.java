package io.wirewatch.aggregate.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.wirewatch.common.kafka.DlqExceptionHandlers;
import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.model.OrgStatus.Evidence;
import io.wirewatch.common.model.OrgStatus.HistoryEntry;
import io.wirewatch.common.model.OrgStatus.JurisdictionRow;
import io.wirewatch.common.serde.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
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
     * The largest table the fold keeps in {@code org-tables} (its JSON with the counts; Smile, what the
     * store and its changelog hold, is smaller): under the producers' record limit, whatever the budget.
     */
    public static final int STORE_MAX_BYTES = MAX_MAX_BYTES;

    /**
     * What {@link #publish} chose: the bytes, the evidence and history kept per row (-1: all), and
     * the same for the table to store, cut only past {@link #STORE_MAX_BYTES}.
     */
    public record Published(byte[] json, int evidencePerRow, int historyPerRow,
                            int storedEvidencePerRow, int storedHistoryPerRow) {
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
    }

    /**
     * The table's JSON within {@code maxBytes}, cut as the class says when it is larger.
     * {@code evidenceTotal} gives a row's count of evidence sentences in the fold's state.
     */
    public static Published publish(OrgStatus table, ToIntFunction<JurisdictionRow> evidenceTotal, int maxBytes) {
        if (table == null) {
            return new Published(null, -1, -1, -1, -1);
        }
        if (textLength(table) <= maxBytes) { // else it cannot fit: a character is at least a byte of JSON
            Capped whole = new Capped(maxBytes);
            try {
                WRITER.writeValue(whole, table);
                return new Published(whole.bytes(), -1, -1, -1, -1); // within the budget, so within the store's
            } catch (IOException e) {
                if (!Capped.full(e)) {
                    throw new UncheckedIOException(e);
                }
                // over the budget: cut below
            }
        }
        List<JurisdictionRow> rows = table.jurisdictions();
        int n = rows.size();
        int[] totals = new int[n];
        long[][] evidence = new long[n][]; // per row, the JSON size of its evidence entries, newest first
        long[][] history = new long[n][]; // per row, of its history entries, latest first
        int maxEvidence = 0;
        int maxHistory = 0;
        List<Row> bare = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JurisdictionRow r = rows.get(i);
            totals[i] = Math.max(evidenceTotal.applyAsInt(r), r.evidence().size());
            evidence[i] = newestFirst(r.evidence());
            history[i] = newestFirst(r.history());
            maxEvidence = Math.max(maxEvidence, evidence[i].length);
            maxHistory = Math.max(maxHistory, history[i].length);
            bare.add(new Row(r.code(), r.name(), r.list(), r.status(), r.since(), List.of(), List.of(), r.sources(),
                    r.confidence(), totals[i], 0));
        }
        // the table with no evidence and no history, each row saying it left out no history entry;
        // a row's size then grows by its entries (and the commas between them) and historyOmitted's digits
        long skeleton = size(new Table(table.id(), table.name(), table.aliases(), bare));
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
                int keptHistory = Math.min(h, history[i].length);
                predicted[c] += entries(evidence[i], candidates.get(c)[0]) + entries(history[i], keptHistory)
                        + digits(history[i].length - keptHistory) - 1;
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
            List<Row> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(row(rows.get(i), totals[i], k, h));
            }
            byte[] json = Json.writeBytes(new Table(table.id(), table.name(), table.aliases(), out));
            if (json.length <= maxBytes || last) {
                return new Published(json, k, h == Integer.MAX_VALUE ? -1 : h, storedEvidence, storedHistory);
            }
        }
        throw new IllegalStateException("unreachable: the last candidate is always published");
    }

    /** The characters of the table's evidence sentences and links: a lower bound of its JSON size. */
    private static long textLength(OrgStatus table) {
        long n = 0;
        for (JurisdictionRow r : table.jurisdictions()) {
            for (Evidence e : r.evidence()) {
                n += (e.sentence() == null ? 0 : e.sentence().length()) + (e.url() == null ? 0 : e.url().length());
            }
        }
        return n;
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

    /** Counts bytes, keeps none. */
    private static final class Counting extends OutputStream {
        long count;

        @Override public void write(int b) { count++; }
        @Override public void write(byte[] b, int off, int len) { count += len; }
    }

    /** Keeps bytes up to a limit, and gives up past it. */
    private static final class Capped extends OutputStream {
        static final class Full extends IOException {
            Full() {
                super("over the table's byte budget");
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this; // thrown once per oversized table, caught right away
            }
        }

        /** Whether the writer gave up because the limit was reached (Jackson may wrap the stream's exception). */
        static boolean full(Throwable t) {
            for (; t != null; t = t.getCause()) {
                if (t instanceof Full) {
                    return true;
                }
            }
            return false;
        }

        private final int limit;
        private byte[] buf = new byte[8192];
        private int count;

        Capped(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (count + len > limit) {
                throw new Full();
            }
            if (count + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(limit, Math.max(buf.length * 2, count + len)));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, count);
        }
    }
}
