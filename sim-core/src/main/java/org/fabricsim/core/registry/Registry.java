package org.fabricsim.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The implementations of one choice a scenario makes ({@code fidelity:}, {@code region_sizing:}), by exact name in
 * registration order. Adding one is one implementation and one registration; an unknown name is refused with the
 * field, the value and every registered name.
 *
 * @param <T> what is registered
 */
public final class Registry<T extends Named> {
    private final String field;
    private final Map<String, T> byKey;

    /** The implementations of the scenario key {@code field}; names must differ. */
    @SafeVarargs
    public static <T extends Named> Registry<T> of(String field, T... entries) {
        return new Registry<>(field, List.of(entries));
    }

    private Registry(String field, List<T> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(field + ": a registry needs at least one implementation");
        }
        Map<String, T> m = new LinkedHashMap<>();
        for (T e : entries) {
            if (m.put(e.key(), e) != null) {
                throw new IllegalArgumentException(field + ": '" + e.key() + "' is registered twice");
            }
        }
        this.field = field;
        this.byKey = Collections.unmodifiableMap(m);
    }

    /** The scenario key this registry answers. */
    public String field() {
        return field;
    }

    /** The implementation called {@code key}; IllegalArgumentException naming the field, the value and the names. */
    public T get(String key) {
        T t = key == null ? null : byKey.get(key);
        if (t == null) {
            throw new IllegalArgumentException(field + ": must be one of " + String.join(", ", keys()) + ", got " + key);
        }
        return t;
    }

    /** Every implementation, in registration order. */
    public List<T> all() {
        return List.copyOf(byKey.values());
    }

    /** Every name, in registration order. */
    public List<String> keys() {
        return new ArrayList<>(byKey.keySet());
    }
}
