package io.wirewatch.aggregate.status;

import io.wirewatch.common.model.OrgStatus;

import java.util.TreeMap;

/**
 * What the fold keeps per organisation: how many articles use each name (from their claims, and
 * from the articles alone when no claim names it) and each alias, and the current table (null
 * while no row has a usable claim).
 */
public record OrgTable(TreeMap<String, Integer> names, TreeMap<String, Integer> fallbackNames,
                       TreeMap<String, Integer> aliases, OrgStatus status) {

    public static OrgTable empty() {
        return new OrgTable(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), null);
    }

    OrgTable withStatus(OrgStatus s) {
        return new OrgTable(names, fallbackNames, aliases, s);
    }
}
