/**
 * The sandbox for Gremlin string scripts: a parse-time shape check and rewrite (no annotations, classes,
 * closures; budget checks before every statement; decimals as doubles; strategies by name), and a static
 * type check against an allow-list under {@code COMPILE_STATIC}, including what the type checker compiles
 * without selecting a method (subscripts, arithmetic). Checked against real attacks in the tests, and
 * against TinkerPop's own feature traversals for what it still lets through.
 */
package org.strata.graph.server.sandbox;
