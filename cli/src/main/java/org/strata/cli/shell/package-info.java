/**
 * What every command runs in: the {@link org.strata.cli.shell.Invocation} (typed option values,
 * positionals, output streams, opening the store), the command interface, usage errors, terminal
 * progress, number formats, fact sources (a dataset folder or a store), rule files and bundled data.
 */
package org.strata.cli.shell;
