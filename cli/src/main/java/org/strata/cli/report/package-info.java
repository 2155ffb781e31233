/**
 * The self-contained HTML report of evolve cycles (inline SVG, no script) and its JSON twin.
 */
package org.strata.cli.report;
