/**
 * The "spark" sweep engine: a sweep's pending points become Spark tasks; each task runs its point in a
 * temporary directory on an executor and returns the files, which the driver writes into the point's
 * atomic directory, so no shared file system is needed and sweep.csv is built exactly as locally.
 */
package org.fabricsim.spark;
