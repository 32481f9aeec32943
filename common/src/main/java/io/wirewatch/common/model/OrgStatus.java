package io.wirewatch.common.model;

import java.util.List;

/** One organisation's status table ({@code org.status.v1}, and an entry of status.json). */
public record OrgStatus(String id, String name, List<String> aliases, List<JurisdictionRow> jurisdictions) {

    /** One row: the status of the organisation in one jurisdiction (and under one list, when named). */
    public record JurisdictionRow(
            String code,
            String name,
            String list,
            String status,
            String since,
            List<HistoryEntry> history,
            List<Evidence> evidence,
            int sources,
            double confidence) {
    }

    public record HistoryEntry(String status, String since) {}

    public record Evidence(String articleId, String url, String outlet, String published, String sentence) {}
}
