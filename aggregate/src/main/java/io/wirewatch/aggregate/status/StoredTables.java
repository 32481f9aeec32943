package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;
import io.wirewatch.common.serde.Json;
import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The values of the {@code org-tables} store: a table's JSON, the same bytes as its {@code org.status.v1} record
 * when it was published uncut, so that the fold stores what {@link TableBound#publish} already assembled instead of
 * encoding the whole table again at every change. Values written before (Smile, which starts with the header
 * {@code :)\n}; JSON starts with an opening brace) still decode, and are rewritten as JSON when their table next changes.
 */
public final class StoredTables {

    private static final Deserializer<OrgStatus> SMILE = SmileSerde.of(OrgStatus.class).deserializer();

    private StoredTables() {}

    /** The table a stored value holds, JSON or Smile; null for null. */
    public static OrgStatus decode(byte[] value) {
        if (value == null) {
            return null;
        }
        if (value.length >= 3 && value[0] == ':' && value[1] == ')' && value[2] == '\n') {
            return SMILE.deserialize(StatusFoldProcessor.TABLES_STORE, value);
        }
        return Json.read(value, OrgStatus.class);
    }

    /** The value to store for a table whose JSON is not at hand. */
    public static byte[] encode(OrgStatus table) {
        return table == null ? null : Json.writeBytes(table);
    }
}
