/**
 * The {@code strata} command line: {@code Main} parses the arguments against the typed options each
 * command declares and runs the command. Everything else lives in the sub-packages.
 */
package org.strata.cli;
