/** The hardware catalog: GPUs, interconnects, wafers and inter-wafer links as data shipped in the jar. */
package org.fabricsim.fabric.catalog;
