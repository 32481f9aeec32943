package io.wirewatch.app.demo;

import io.wirewatch.common.model.OrgStatus;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Prints status tables for people: one block per organization, one aligned line per jurisdiction row. */
public final class StatusTablePrinter {

    private StatusTablePrinter() {}

    public static void print(List<OrgStatus> organizations, PrintStream out) {
        if (organizations.isEmpty()) {
            out.println("(no organization has a status row yet)");
            return;
        }
        for (OrgStatus org : organizations) {
            String aliases = org.aliases() == null || org.aliases().isEmpty() ? ""
                    : "  (aliases: " + String.join(", ", org.aliases()) + ")";
            out.println("Organization " + org.name() + " [" + org.id() + "]" + aliases);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"jurisdiction", "status", "since", "list", "history", "sources"});
            for (OrgStatus.JurisdictionRow r : org.jurisdictions()) {
                String history = r.history() == null ? "" : r.history().stream()
                        .map(h -> h.status() + " " + (h.since() == null ? "?" : h.since()))
                        .collect(Collectors.joining(" -> "));
                rows.add(new String[] {
                        r.code() + " (" + r.name() + ")",
                        r.status(),
                        r.since() == null ? "unknown" : r.since(),
                        r.list() == null ? "" : r.list(),
                        history,
                        String.valueOf(r.sources())});
            }
            int[] width = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            for (int n = 0; n < rows.size(); n++) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < width.length; i++) {
                    line.append(String.format("%-" + width[i] + "s", rows.get(n)[i]));
                    if (i < width.length - 1) {
                        line.append("  ");
                    }
                }
                out.println(line.toString().stripTrailing());
                if (n == 0) {
                    out.println("  " + "-".repeat(line.length() - 2));
                }
            }
            out.println();
        }
    }
}
