package org.fabricsim.fabric.api;

import java.util.ServiceLoader;

/** Finds, once, the implementation of {@link Hardware} the fabric module registers as a service. */
final class HardwareProvider {
    static final Hardware BUILT_IN = ServiceLoader.load(Hardware.class, Hardware.class.getClassLoader()).findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + Hardware.class.getName()
                    + " on the class path: the fabric module registers one in META-INF/services"));

    private HardwareProvider() {
    }
}
