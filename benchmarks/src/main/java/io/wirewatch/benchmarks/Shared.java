package io.wirewatch.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/** The evaluation data beside the checkout ({@code -Dwirewatch.shared=DIR}, default {@code ../shared}), read at run time. */
final class Shared {

    private Shared() {}

    static Path path(String relative) {
        Path p = Path.of(System.getProperty("wirewatch.shared", "../shared")).resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: pass -Dwirewatch.shared=DIR (the folder with eval/ and seeds/)");
        }
        return p;
    }
}
