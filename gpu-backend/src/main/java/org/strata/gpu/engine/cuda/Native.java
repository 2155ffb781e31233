package org.strata.gpu.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import org.strata.gpu.engine.EngineUnavailableException;

/** One loaded native library and the downcall handles bound to its functions (Java's FFM API). */
final class Native {

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;
    static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

    private static final Linker LINKER = Linker.nativeLinker();

    private final Path path;
    private final SymbolLookup lookup;

    Native(Path path) {
        this.path = path;
        try {
            this.lookup = SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException("--engine cuda: cannot load " + path + ": " + e.getMessage());
        } catch (IllegalCallerException e) {
            throw new EngineUnavailableException("--engine cuda: native access is not enabled; run java with "
                    + "--enable-native-access=ALL-UNNAMED (the strata launcher does)");
        }
    }

    /**
     * Loads the libraries named {@code prefix*} in {@code library}'s folder, so that what {@code library}
     * opens by name later (NVRTC its builtins, cuBLAS its cuBLASLt) is found there even when that folder
     * is on no search path: the dynamic loader matches an already loaded library by its soname.
     */
    static void loadCompanions(Path library, String prefix) {
        Path dir = library.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> files = java.nio.file.Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : files) {
                if (p.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + "(\\.\\d+)*")) {
                    SymbolLookup.libraryLookup(p, Arena.global());
                }
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // not loadable here: the library's own search decides, and says so if it fails
        }
    }

    /** A handle to {@code name}, which returns {@code result} and takes {@code args}. */
    MethodHandle function(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new EngineUnavailableException(
                "--engine cuda: " + path + " has no function " + name + " (too old a version?)"));
        FunctionDescriptor d = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
        return LINKER.downcallHandle(symbol, d);
    }

    /** The C string at {@code address}, or {@code fallback} when it is null. */
    static String string(MemorySegment address, String fallback) {
        if (address == null || address.equals(MemorySegment.NULL)) {
            return fallback;
        }
        return address.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Rethrows what a downcall threw (it declares Throwable) as an unchecked exception. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
