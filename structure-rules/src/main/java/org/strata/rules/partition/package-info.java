/**
 * Partitioning: Leiden communities on the entity graph and, recursively, on the community graph (the
 * granularity hierarchy), community identity carried across runs by member overlap, and the adjusted
 * Rand index that measures how stable a partition stays.
 */
package org.strata.rules.partition;
