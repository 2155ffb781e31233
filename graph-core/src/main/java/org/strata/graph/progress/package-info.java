/** Progress reporting from library code to whoever shows it. */
package org.strata.graph.progress;
