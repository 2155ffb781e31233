package org.strata.cli.shell;

/** The command line asks for something the command cannot do as asked; exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
