/**
 * Requests and where they come from: synthetic arrival processes (offline, Poisson, closed loop),
 * length distributions, and readers for public traces (Azure 2023, Mooncake, ShareGPT lengths).
 * See docs/workloads.md.
 */
package org.fabricsim.workloads.requests;
