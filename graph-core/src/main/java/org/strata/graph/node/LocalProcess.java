package org.strata.graph.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local node's process as its folder records it: a properties file holding at least {@code pid}, read back
 * only while that process lives; stopping it politely, then by force; loopback ports that are free.
 */
public final class LocalProcess {

    private LocalProcess() {
    }

    /** The recorded state in {@code stateFile}, if the file exists and its {@code pid} is a live process. */
    public static Optional<Properties> running(Path stateFile) {
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        Properties p = read(stateFile);
        long pid = Long.parseLong(p.getProperty("pid", "-1"));
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Asks the process {@code pid} to end, waits at most {@code grace}, then ends it by force; {@code what}
     * names it in an error.
     */
    public static void stop(long pid, Duration grace, String what) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent() && h.get().isAlive()) {
            h.get().destroy();
            try {
                h.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                h.get().destroyForcibly();
                h.get().onExit().join();
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for " + what + " (process " + pid + ") to end failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.get().destroyForcibly();
            }
        }
    }

    /** Two loopback ports free at this moment. */
    public static int[] twoFreePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    /** Whether {@code port} on loopback is free. */
    public static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a state or ports file. */
    public static void write(Path file, String properties) throws IOException {
        Files.writeString(file, properties, StandardCharsets.UTF_8);
    }

    /** Removes a state file (the node no longer runs). */
    public static void forget(Path stateFile) {
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stateFile, e);
        }
    }

    /** Reads a properties file. */
    public static Properties read(Path file) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }
}
