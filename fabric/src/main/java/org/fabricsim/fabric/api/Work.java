package org.fabricsim.fabric.api;

/** What a unit computes: mesh phases on a wafer region. */
public sealed interface Work permits MeshWork {
}
