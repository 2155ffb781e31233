/** Username and password authentication for the Gremlin Server, from a file of salted hashes. */
package org.strata.graph.server.auth;
