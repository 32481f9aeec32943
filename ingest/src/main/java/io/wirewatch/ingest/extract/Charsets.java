package io.wirewatch.ingest.extract;

import org.mozilla.universalchardet.UniversalDetector;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the charset of an HTML body: BOM, then the Content-Type header, then a meta tag, then
 * detection (valid UTF-8 is UTF-8; otherwise juniversalchardet's guess, else windows-1252).
 */
final class Charsets {

    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([\\w.:-]+)");
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?is)<meta[^>]+?charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)");
    /** The HTML standard's prescan looks at the first 1024 bytes; real pages put it later, so look a bit further. */
    private static final int PRESCAN_BYTES = 8192;

    private Charsets() {}

    static Charset detect(byte[] body, String contentType) {
        Charset bom = fromBom(body);
        if (bom != null) {
            return bom;
        }
        if (contentType != null) {
            Matcher m = HEADER_CHARSET.matcher(contentType);
            if (m.find()) {
                Charset c = forName(m.group(1));
                if (c != null) {
                    return c;
                }
            }
        }
        // ASCII-compatible view of the head is enough to read a meta tag
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        while (m.find()) {
            Charset c = forName(m.group(1));
            if (c != null) {
                // a page that claims UTF-16 in an ASCII-readable meta tag is not UTF-16
                return c.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : c;
            }
        }
        return detectFromBytes(body);
    }

    /** Bytes looked at when nothing declares the charset. */
    private static final int DETECT_BYTES = 64 * 1024;

    static Charset detectFromBytes(byte[] body) {
        int n = Math.min(body.length, DETECT_BYTES);
        if (isUtf8(body, n)) {
            return StandardCharsets.UTF_8;
        }
        UniversalDetector d = new UniversalDetector();
        d.handleData(body, 0, n);
        d.dataEnd();
        String guess = d.getDetectedCharset();
        Charset c = guess == null ? null : forName(guess);
        return c != null ? c : Charset.forName("windows-1252");
    }

    /** Strict UTF-8 over the first n bytes; a sequence cut at n is allowed. */
    private static boolean isUtf8(byte[] b, int n) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(Math.max(16, n));
        CoderResult r = dec.decode(ByteBuffer.wrap(b, 0, n), out, n == b.length);
        return !r.isError();
    }

    static Charset fromBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    static Charset forName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        // browsers treat these labels as windows-1252 (WHATWG Encoding)
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            n = "windows-1252";
        }
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
