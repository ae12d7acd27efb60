package org.fabricsim.fabric.gpu;

import java.util.Locale;
import org.fabricsim.fabric.catalog.HardwareCatalog;

/**
 * The InfiniBand generation of the per-GPU NIC and the switch ports (hardware.md: NDR 400 Gb/s, XDR 800 Gb/s), rates
 * from the {@link HardwareCatalog}; a scenario may give another rate ({@link #withBytesPerS}) for a what-if.
 *
 * @param name      catalog name (ndr, xdr)
 * @param bytesPerS line rate per port and direction, bytes/s
 */
public record Interconnect(String name, double bytesPerS) {
    /** ConnectX-7 / Quantum-2, 400 Gb/s per port. */
    public static final Interconnect NDR = new Interconnect("ndr", HardwareCatalog.builtIn().interconnectPortBytesPerS("ndr"));
    /** ConnectX-8 / Quantum-X800, 800 Gb/s per port. */
    public static final Interconnect XDR = new Interconnect("xdr", HardwareCatalog.builtIn().interconnectPortBytesPerS("xdr"));

    public Interconnect {
        if (!(bytesPerS > 0) || Double.isInfinite(bytesPerS)) {
            throw new IllegalArgumentException("nic_bandwidth: must be > 0 and finite, got " + bytesPerS);
        }
    }

    public static Interconnect named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ndr" -> NDR;
            case "xdr" -> XDR;
            default -> throw new IllegalArgumentException("nic: must be ndr or xdr, got " + name);
        };
    }

    /** The same generation at another line rate per port and direction. */
    public Interconnect withBytesPerS(double newBytesPerS) {
        return new Interconnect(name, newBytesPerS);
    }
}
