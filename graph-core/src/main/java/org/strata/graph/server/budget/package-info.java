/**
 * What one Gremlin request may use: time and memory, each enforced without interrupting the request's
 * thread (an interrupt that reaches BerkeleyJE invalidates the embedded store). A watchdog marks requests
 * over their time or memory; the request itself checks the mark, in scripts before every statement and in
 * traversals at every expanding step.
 */
package org.strata.graph.server.budget;
