package io.wirewatch.common.model;

/** The statuses a jurisdiction row can take (CONTRACT.md "Status tables"). */
public enum Status {
    DESIGNATED, LISTING_PENDING, DELISTING_PENDING, DELISTED, SANCTIONED;

    /** A pending status never overrides a final decision of the same or a later date. */
    public boolean isPending() {
        return this == LISTING_PENDING || this == DELISTING_PENDING;
    }
}
