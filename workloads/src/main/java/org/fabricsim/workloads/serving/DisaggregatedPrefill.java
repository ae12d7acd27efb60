package org.fabricsim.workloads.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import org.fabricsim.fabric.api.Hardware;

/**
 * Prefill on a system of its own (disaggregated serving, as in DistServe, OSDI'24, and Splitwise, ISCA'24;
 * on Amazon Bedrock Cerebras wafers decode behind AWS Trainium prefill: hardware.md). Every prompt runs on
 * {@code system}, which emits the first token; the prompt's KV cache then crosses one shared link into the
 * decoding system (a link of that system's flow network, shared max-min by the prompts' KV in flight), and the
 * request joins that system's queue. The decoding system never runs a prompt.
 *
 * @param system                   the prefill system: any kind, the same model, its own serving policy (batch
 *                                 limit, token budget, chunking) for the prompts; it may not disaggregate again
 * @param kvLinkBandwidthBytesPerS the KV link's bandwidth (default: {@code kvLinkPorts} ports of {@code kvLink}'s
 *                                 line rate, or without a kind 150 GB/s: one CS-3's 12 x 100 GbE system I/O)
 * @param kvLinkLatencyS           per-transfer latency (default: {@code kvLink}'s, or without a kind 200 us: the
 *                                 Cerebras SDK's host-to-wafer overhead per transaction, hardware.md)
 * @param kvLink                   the link's kind in the catalog's system_links (ndr, xdr, ethernet_100g,
 *                                 ethernet_400g), or null
 * @param kvLinkPorts              ports of that kind the link bundles (default 1; a transfer is striped over them)
 */
public record DisaggregatedPrefill(SystemConfig system, Double kvLinkBandwidthBytesPerS, Double kvLinkLatencyS,
        @JsonInclude(JsonInclude.Include.NON_NULL) String kvLink,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer kvLinkPorts) {
    /** One CS-3's system I/O, 12 x 100 GbE (hardware.md). */
    public static final double DEFAULT_KV_LINK_BANDWIDTH_BYTES_PER_S = 150e9;
    /** Host-to-wafer small-transfer overhead per transaction (hardware.md, quoting the Cerebras SDK docs). */
    public static final double DEFAULT_KV_LINK_LATENCY_S = 200e-6;
    private static final int MAX_PORTS = 1024;

    public DisaggregatedPrefill {
        if (system == null) {
            throw new IllegalArgumentException("prefill.system: required (the system that runs the prompts)");
        }
        if (system.serving().prefill() != null) {
            throw new IllegalArgumentException("prefill.system.serving.prefill: a prefill system runs its prompts"
                    + " itself and cannot send them on to another");
        }
        if (kvLink == null && kvLinkPorts != null) {
            throw new IllegalArgumentException("prefill.kv_link_ports: needs prefill.kv_link, the kind of port");
        }
        if (kvLink != null) {
            kvLinkPorts = kvLinkPorts == null ? 1 : kvLinkPorts;
            if (kvLinkPorts < 1 || kvLinkPorts > MAX_PORTS) {
                throw new IllegalArgumentException("prefill.kv_link_ports: must be within 1 .. " + MAX_PORTS + ", got "
                        + kvLinkPorts);
            }
            Hardware hw = Hardware.builtIn();
            try {
                if (kvLinkBandwidthBytesPerS == null) {
                    kvLinkBandwidthBytesPerS = kvLinkPorts * hw.systemLinkPortBytesPerS(kvLink);
                }
                if (kvLinkLatencyS == null) {
                    kvLinkLatencyS = hw.systemLinkLatencyS(kvLink);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prefill." + e.getMessage(), e);
            }
        }
        kvLinkBandwidthBytesPerS = kvLinkBandwidthBytesPerS == null ? DEFAULT_KV_LINK_BANDWIDTH_BYTES_PER_S
                : kvLinkBandwidthBytesPerS;
        if (!(kvLinkBandwidthBytesPerS > 0) || kvLinkBandwidthBytesPerS > Bounds.MAX_BANDWIDTH_BYTES_PER_S) {
            throw new IllegalArgumentException(
                    "prefill.kv_link_bandwidth_bytes_per_s: must be > 0 and <= 1e15 bytes/s, got " + kvLinkBandwidthBytesPerS);
        }
        kvLinkLatencyS = kvLinkLatencyS == null ? DEFAULT_KV_LINK_LATENCY_S : kvLinkLatencyS;
        if (!(kvLinkLatencyS >= 0 && kvLinkLatencyS <= Bounds.MAX_LATENCY_S)) {
            throw new IllegalArgumentException("prefill.kv_link_latency_s: must be within 0 .. 1 s, got " + kvLinkLatencyS);
        }
    }

    /** This with the prefill system's relative file paths resolved against {@code baseDir}. */
    DisaggregatedPrefill resolvedAgainst(Path baseDir) {
        return new DisaggregatedPrefill(system.resolvedAgainst(baseDir), kvLinkBandwidthBytesPerS, kvLinkLatencyS, kvLink,
                kvLinkPorts);
    }
}
