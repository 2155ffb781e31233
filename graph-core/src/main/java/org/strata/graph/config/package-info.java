/**
 * Typed configuration options: one {@code *Options} class per module declares its options with a
 * namespace, a description, a default and a validator; help texts and documentation tables are
 * generated from those declarations.
 */
package org.strata.graph.config;
