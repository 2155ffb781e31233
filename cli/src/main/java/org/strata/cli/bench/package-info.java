/**
 * {@code strata bench ...}: benchmarks run on purpose, not tests. Each prints a table of measured
 * figures (and JSON on request); the harnesses that only benchmarks use (local learning against backprop,
 * entity resolution on name variants) live here, not in library code.
 */
package org.strata.cli.bench;
