/**
 * The sandbox for Gremlin string scripts: a parse-time shape check, and a static type check against an
 * allow-list under {@code COMPILE_STATIC}. Checked against real attacks in the tests.
 */
package org.strata.graph.server.sandbox;
