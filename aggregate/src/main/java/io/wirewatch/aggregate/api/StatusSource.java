package io.wirewatch.aggregate.api;

import io.wirewatch.common.model.OrgStatus;

import java.util.List;
import java.util.Optional;

/**
 * Where the HTTP API reads status tables from. {@link #organization} and {@link #organizations}
 * answer for the whole application (every instance); the {@code local} variants answer from this
 * instance only and serve the {@code ?local=true} requests that other instances send.
 * Implementations throw {@link Unavailable} (or Kafka's {@code InvalidStateStoreException}) while
 * the tables cannot be read, for example during a rebalance: the server answers 503.
 */
public interface StatusSource {

    Optional<OrgStatus> organization(String id);

    /** Every organisation, sorted by id. */
    List<OrgStatus> organizations();

    default Optional<OrgStatus> localOrganization(String id) {
        return organization(id);
    }

    default List<OrgStatus> localOrganizations() {
        return organizations();
    }

    /** A short word for /healthz ("RUNNING", "REBALANCING"...); {@link #healthy()} decides the code. */
    default String state() {
        return "RUNNING";
    }

    default boolean healthy() {
        return true;
    }

    /** The tables cannot be read right now; try again shortly. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
