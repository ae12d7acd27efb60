package org.fabricsim.fabric.api;

/** The mesh dimension a phase communicates along inside its region. */
public enum MeshAxis {
    /** Along each row (over the region's columns). */
    ROWS,
    /** Along each column (over the region's rows). */
    COLUMNS,
    /** Along rows, then along columns (a region-wide reduction or broadcast). */
    BOTH,
    /** No communication: core-local work only. */
    NONE
}
