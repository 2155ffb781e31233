package org.strata.gpu.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.strata.graph.io.AtomicFile;
import org.strata.graph.io.InputException;

/**
 * The model file: a header (magic, version, model, dimension, the entity ids and relation names in row
 * order, training information) followed by the entity and relation rows as little-endian floats.
 * Written atomically; a truncated or foreign file is refused with its name and what is wrong.
 */
public final class ModelFile {

    private static final byte[] MAGIC = "STRATA-KGE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private ModelFile() {
    }

    /** Writes a model; the file appears whole or not at all. */
    public static void write(EmbeddingModel model, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(model.kind().name());
            out.writeInt(model.dim());
            out.writeInt(model.entities().size());
            out.writeInt(model.relations().size());
            out.writeInt(model.info().size());
            for (Map.Entry<String, String> e : model.info().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            for (String id : model.entities()) {
                out.writeUTF(id);
            }
            for (String name : model.relations()) {
                out.writeUTF(name);
            }
            writeFloats(out, model.entity());
            writeFloats(out, model.relation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFile.write(file, bytes.toByteArray());
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        out.write(b.array());
    }

    /** Reads a model file. */
    public static EmbeddingModel read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new InputException(file, "not a Strata model file (it does not start with STRATA-KGE)", null);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputException(file, "model file version " + version + "; this Strata reads version "
                        + VERSION, null);
            }
            String kindName = in.readUTF();
            ModelKind kind;
            try {
                kind = ModelKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw new InputException(file, "unknown model '" + kindName + "'", null);
            }
            int dim = in.readInt();
            int entities = in.readInt();
            int relations = in.readInt();
            int infoCount = in.readInt();
            if (dim < 1 || entities < 0 || relations < 0 || infoCount < 0
                    || (long) entities * kind.width(dim) > Integer.MAX_VALUE) {
                throw new InputException(file, "corrupt header (dimension " + dim + ", " + entities + " entities, "
                        + relations + " relations)", null);
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (int i = 0; i < infoCount; i++) {
                info.put(in.readUTF(), in.readUTF());
            }
            List<String> entityIds = new ArrayList<>(entities);
            for (int i = 0; i < entities; i++) {
                entityIds.add(in.readUTF());
            }
            List<String> relationNames = new ArrayList<>(relations);
            for (int i = 0; i < relations; i++) {
                relationNames.add(in.readUTF());
            }
            int w = kind.width(dim);
            float[] entity = readFloats(in, entities * w);
            float[] relation = readFloats(in, 2 * relations * w);
            if (in.read() != -1) {
                throw new InputException(file, "trailing bytes after the parameters", null);
            }
            return new EmbeddingModel(kind, dim, entityIds, relationNames, entity, relation, info);
        } catch (EOFException e) {
            throw new InputException(file, "truncated model file", e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        byte[] raw = new byte[n * Float.BYTES];
        in.readFully(raw);
        float[] values = new float[n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
