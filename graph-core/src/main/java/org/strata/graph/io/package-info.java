/**
 * Reading and writing the text formats Strata exchanges: triple files (TSV, JSONL) and {@code id<TAB>text}
 * attribute files, with strict checks and errors that name file, line and field.
 */
package org.strata.graph.io;
