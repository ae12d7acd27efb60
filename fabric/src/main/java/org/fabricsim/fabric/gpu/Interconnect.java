package org.fabricsim.fabric.gpu;

import java.util.Locale;
import org.fabricsim.fabric.catalog.HardwareCatalog;

/** InfiniBand generations of the per-GPU NIC and the switch ports (hardware.md: NDR 400 Gb/s, XDR 800 Gb/s), rates from the {@link HardwareCatalog}. */
public enum Interconnect {
    /** ConnectX-7 / Quantum-2, 400 Gb/s per port. */
    NDR(HardwareCatalog.builtIn().interconnectPortBytesPerS("ndr")),
    /** ConnectX-8 / Quantum-X800, 800 Gb/s per port. */
    XDR(HardwareCatalog.builtIn().interconnectPortBytesPerS("xdr"));

    private final double bytesPerS;

    Interconnect(double bytesPerS) {
        this.bytesPerS = bytesPerS;
    }

    /** Line rate per port and direction, bytes/s. */
    public double bytesPerS() {
        return bytesPerS;
    }

    public static Interconnect named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ndr" -> NDR;
            case "xdr" -> XDR;
            default -> throw new IllegalArgumentException("nic: must be ndr or xdr, got " + name);
        };
    }
}
