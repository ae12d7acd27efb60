package org.fabricsim.workloads.model;

import java.util.List;

/** CONTRACT STUB: the catalog of published models (being implemented on the models branch). */
public final class ModelCatalog {
    private ModelCatalog() {
    }

    /** The model with this name; IllegalArgumentException listing the known names otherwise. */
    public static ModelSpec get(String name) {
        throw new IllegalArgumentException("model: unknown '" + name + "'");
    }

    /** Catalog names in display order. */
    public static List<String> names() {
        return List.of();
    }
}
