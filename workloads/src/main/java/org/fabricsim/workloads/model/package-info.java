/**
 * Model shapes and the bytes and FLOPs they imply: {@link org.fabricsim.workloads.model.ModelSpec} per
 * model, {@link org.fabricsim.workloads.model.LayerSpec} per block, built from a
 * {@link org.fabricsim.workloads.model.TransformerConfig}; named models in
 * {@link org.fabricsim.workloads.model.ModelCatalog}.
 */
package org.fabricsim.workloads.model;
