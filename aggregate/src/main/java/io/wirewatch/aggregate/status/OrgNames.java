package io.wirewatch.aggregate.status;

import java.util.TreeMap;

/**
 * The names an organisation goes by: how many articles use each name (from their claims, and from
 * the articles alone when no claim names it) and each alias. Kept apart from the table so that an
 * event rewrites these few counts, not the whole table with its evidence.
 */
public record OrgNames(TreeMap<String, Integer> names, TreeMap<String, Integer> fallbackNames,
                       TreeMap<String, Integer> aliases) {

    public static OrgNames empty() {
        return new OrgNames(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    OrgNames copy() {
        return new OrgNames(new TreeMap<>(names), new TreeMap<>(fallbackNames), new TreeMap<>(aliases));
    }
}
