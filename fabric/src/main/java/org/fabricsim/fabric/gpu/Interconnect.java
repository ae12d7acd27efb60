package org.fabricsim.fabric.gpu;

import java.util.Locale;

/** InfiniBand generations of the per-GPU NIC and the switch ports (hardware.md: NDR 400 Gb/s, XDR 800 Gb/s). */
public enum Interconnect {
    /** ConnectX-7 / Quantum-2, 400 Gb/s per port. */
    NDR(400e9 / 8),
    /** ConnectX-8 / Quantum-X800, 800 Gb/s per port. */
    XDR(800e9 / 8);

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
