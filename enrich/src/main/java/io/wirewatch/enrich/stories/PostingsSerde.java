package io.wirewatch.enrich.stories;

import io.wirewatch.common.serde.SmileSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.ByteUtils;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The posting lists' value encoding: the story ids of a list, each story id of the form {@code s-} and 16
 * lower-case hex digits (a story named after its first article, whose id is 16 hex digits of a hash) as 8
 * bytes, any other id as its UTF-8. A posting list is rewritten whenever a story moves to its front, at
 * nearly every commit for the busy terms, and with Smile each id took its 18 characters and a type byte.
 *
 * <p>Values start with {@link #MAGIC}, which no Smile value starts with, so lists written before this
 * encoding (Smile) still decode; the decoded list is the same strings either way. Malformed bytes raise
 * {@link SerializationException}, as the Jackson serdes do.
 */
public final class PostingsSerde implements Serde<StoryProcessor.Postings> {

    static final byte MAGIC = 1;
    private static final byte HEX_ID = 0;
    private static final byte OTHER_ID = 1;
    private static final String PREFIX = "s-";
    private static final int HEX_DIGITS = 16;
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final Deserializer<StoryProcessor.Postings> SMILE =
            SmileSerde.of(StoryProcessor.Postings.class).deserializer();

    @Override
    public Serializer<StoryProcessor.Postings> serializer() {
        return (topic, p) -> p == null ? null : encode(p.storyIds());
    }

    @Override
    public Deserializer<StoryProcessor.Postings> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == 0 || bytes[0] != MAGIC) {
                return SMILE.deserialize(topic, bytes); // stored before this encoding
            }
            try {
                return new StoryProcessor.Postings(decode(bytes));
            } catch (RuntimeException e) {
                throw new SerializationException("not a valid posting list: " + e, e);
            }
        };
    }

    static byte[] encode(List<String> ids) {
        if (ids == null) {
            return new byte[] {MAGIC, 0};
        }
        ByteBuffer b = ByteBuffer.allocate(1 + 5 + ids.size() * 9);
        ByteArrayOutputStream other = null;
        b.put(MAGIC);
        ByteUtils.writeUnsignedVarint(ids.size() + 1, b);
        for (String id : ids) {
            long hex = hexId(id);
            if (hex != -1 || isHexId(id)) {
                b.put(HEX_ID);
                b.putLong(hex);
            } else {
                byte[] u = id.getBytes(StandardCharsets.UTF_8);
                if (b.remaining() < 1 + 5 + u.length + 9 * ids.size()) {
                    ByteBuffer bigger = ByteBuffer.allocate(b.capacity() + 5 + u.length + 9 * ids.size());
                    b.flip();
                    bigger.put(b);
                    b = bigger;
                }
                b.put(OTHER_ID);
                ByteUtils.writeUnsignedVarint(u.length, b);
                b.put(u);
            }
        }
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    static List<String> decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int n = ByteUtils.readUnsignedVarint(b) - 1;
        if (n < 0) {
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("bytes past a null list");
            }
            return null;
        }
        if (n > b.remaining()) {
            throw new IllegalArgumentException("count " + n + " exceeds the value's " + bytes.length + " bytes");
        }
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte tag = b.get();
            if (tag == HEX_ID) {
                ids.add(hexString(b.getLong()));
            } else if (tag == OTHER_ID) {
                int len = ByteUtils.readUnsignedVarint(b);
                if (len < 0 || len > b.remaining()) {
                    throw new IllegalArgumentException("an id of " + len + " bytes past the end of the value");
                }
                ids.add(new String(bytes, b.position(), len, StandardCharsets.UTF_8));
                b.position(b.position() + len);
            } else {
                throw new IllegalArgumentException("unknown id tag " + tag);
            }
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException(b.remaining() + " bytes past the end of the value");
        }
        return Collections.unmodifiableList(ids);
    }

    /** The 16 hex digits of a story id {@code s-<16 lower-case hex digits>} as a long; -1 otherwise (or for s-ff..ff). */
    static long hexId(String id) {
        if (id.length() != PREFIX.length() + HEX_DIGITS || !id.startsWith(PREFIX)) {
            return -1;
        }
        long v = 0;
        for (int i = PREFIX.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** True for the one hex id whose value is -1 ({@code s-ffffffffffffffff}). */
    private static boolean isHexId(String id) {
        return id.equals(PREFIX + "ffffffffffffffff");
    }

    static String hexString(long v) {
        char[] c = new char[PREFIX.length() + HEX_DIGITS];
        c[0] = 's';
        c[1] = '-';
        for (int i = c.length - 1; i >= PREFIX.length(); i--) {
            c[i] = DIGITS[(int) (v & 0xf)];
            v >>>= 4;
        }
        return new String(c);
    }
}
