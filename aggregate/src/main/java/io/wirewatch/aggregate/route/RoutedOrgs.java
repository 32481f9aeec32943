package io.wirewatch.aggregate.route;

import java.util.List;

/** The organisations an article has been routed to so far: the fold may hold its claims for each. */
public record RoutedOrgs(List<String> orgs) {
}
