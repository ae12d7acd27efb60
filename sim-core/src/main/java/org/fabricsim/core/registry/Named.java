package org.fabricsim.core.registry;

import java.util.Locale;

/** An implementation a scenario chooses by name, with what it does in one line. */
public interface Named {

    /** The implementation's constant name ({@code FLOW}); an enum has it already. */
    String name();

    /** The name a scenario gives, e.g. {@code flow} in {@code fidelity: flow}: the constant's name in lower case. */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line: what the implementation does and what it gives up. */
    String description();
}
