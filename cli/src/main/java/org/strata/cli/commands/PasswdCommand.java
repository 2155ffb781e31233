package org.strata.cli.commands;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.server.auth.PasswordFile;

/** {@code strata passwd}: add or change a user of a Gremlin Server password file. */
public final class PasswdCommand implements Command {

    @Override
    public String name() {
        return "passwd";
    }

    @Override
    public String summary() {
        return "Add a user to a server password file or change their password (stored as a salted hash)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.AUTH);
    }

    @Override
    public Positionals positionals() {
        return new Positionals("USER", "The user name", 1, 1);
    }

    @Override
    public int run(Invocation in) throws IOException {
        Path file = Path.of(in.require(GraphOptions.AUTH, name()));
        String user = in.positionals().get(0);
        char[] password = readPassword();
        try {
            PasswordFile.setPassword(file, user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        in.out().println("Set the password of " + user + " in " + file + "; serve with: strata serve --auth " + file);
        return 0;
    }

    /** From the terminal without echo (asked twice), or one line of standard input. */
    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UsageException("the two passwords differ");
            }
            Arrays.fill(second, '\0');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new UsageException("no password on standard input");
        }
        return line.toCharArray();
    }
}
