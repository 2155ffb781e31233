/**
 * How the CLI prints job results that more than one command shows (an import, store statistics, an
 * evaluation, learned rules, an evolve cycle, a training run). Commands and benchmarks print through
 * these and never call each other.
 */
package org.strata.cli.print;
