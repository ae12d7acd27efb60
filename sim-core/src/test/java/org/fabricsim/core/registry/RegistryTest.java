package org.fabricsim.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private record Model(String key, String description) implements Named {
        @Override
        public String name() {
            return key.toUpperCase(java.util.Locale.ROOT);
        }
    }

    private static final Model FAST = new Model("fast", "few events");
    private static final Model EXACT = new Model("exact", "every event");

    @Test
    void get_registeredName_returnsThatImplementation() {
        assertSame(EXACT, Registry.of("fidelity", FAST, EXACT).get("exact"));
    }

    @Test
    void get_unknownName_namesFieldValueAndEveryKnownName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Registry.of("fidelity", FAST, EXACT).get("Fast"));
        assertEquals("fidelity: must be one of fast, exact, got Fast", e.getMessage());
    }

    @Test
    void keys_inRegistrationOrder() {
        assertEquals(List.of("exact", "fast"), Registry.of("fidelity", EXACT, FAST).keys());
    }

    @Test
    void of_sameNameTwice_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Registry.of("fidelity", FAST, new Model("fast", "other")));
    }
}
