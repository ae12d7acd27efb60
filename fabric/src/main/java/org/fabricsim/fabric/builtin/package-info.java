/**
 * The fabric module's implementation of {@code fabric.api.Hardware}: the one place that knows which classes of
 * {@code fabric.wafer}, {@code fabric.gpu} and {@code fabric.catalog} a named piece of hardware becomes. Nothing
 * in fabric imports it; {@code Hardware.builtIn()} finds it as a service.
 */
package org.fabricsim.fabric.builtin;
