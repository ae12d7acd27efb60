package org.fabricsim.core.registry;

/** An implementation a scenario chooses by name, with what it does in one line. */
public interface Named {

    /** The name a scenario gives, e.g. {@code flow} in {@code fidelity: flow}. */
    String key();

    /** One line: what the implementation does and what it gives up. */
    String description();
}
