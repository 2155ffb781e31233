package org.strata.rules.spread;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.strata.graph.io.InputException;

/**
 * The weights of the spreading-activation scorer: one gate in (0, 1) per query relation and channel
 * (how strongly activity crosses a coupling of that channel when answering that kind of query), one
 * readout bias in (0, 1) per query relation and entity (added to the entity's object-unit activity when
 * answers are scored: how likely it is as an answer of that relation at all), the number of settling
 * steps K, and the gain that turns activity into scores.
 */
public final class SpreadModel {

    /** Gates stay within [MIN_GATE, MAX_GATE]: soft bounds approach these, never cross them. */
    public static final float MIN_GATE = 1e-4f;
    public static final float MAX_GATE = 0.999f;
    private static final int MAGIC = 0x53505244; // "SPRD"
    private static final int VERSION = 2;

    private final int relations;
    private final int entities;
    private final int steps;
    private final float gain;
    private final float[][] gates;
    private final float[][] biases;

    /** A model with every gate at {@code initial} and every bias at {@code initialBias}. */
    public SpreadModel(int relations, int entities, int steps, float gain, float initial, float initialBias) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        this.relations = relations;
        this.entities = entities;
        this.steps = steps;
        this.gain = gain;
        this.gates = new float[2 * relations][2 * relations + 1];
        for (float[] row : gates) {
            java.util.Arrays.fill(row, initial);
        }
        this.biases = new float[2 * relations][entities];
        for (float[] row : biases) {
            java.util.Arrays.fill(row, initialBias);
        }
    }

    public int entities() {
        return entities;
    }

    /** The answer biases of one query relation, by entity (live). */
    public float[] biases(int queryRelation) {
        return biases[queryRelation];
    }

    public int relations() {
        return relations;
    }

    public int steps() {
        return steps;
    }

    public float gain() {
        return gain;
    }

    /** The gates of one query relation, by channel (live: learners update them in place). */
    public float[] gates(int queryRelation) {
        return gates[queryRelation];
    }

    /** A deep copy. */
    public SpreadModel copy() {
        SpreadModel m = new SpreadModel(relations, entities, steps, gain, 0f, 0f);
        for (int q = 0; q < gates.length; q++) {
            System.arraycopy(gates[q], 0, m.gates[q], 0, gates[q].length);
            System.arraycopy(biases[q], 0, m.biases[q], 0, biases[q].length);
        }
        return m;
    }

    /**
     * Moves every gate along {@code direction} (a descent direction per query relation and channel) with
     * soft bounds: a step up is scaled by the room left below the upper bound, a step down by the room
     * above the lower bound, so gates stay inside (0, 1) without clipping.
     */
    public void step(double[][] direction, double[][] biasDirection, double rate) {
        for (int q = 0; q < gates.length; q++) {
            bounded(gates[q], direction[q], rate);
            bounded(biases[q], biasDirection[q], rate);
        }
    }

    private static void bounded(float[] w, double[] d, double rate) {
        for (int c = 0; c < w.length; c++) {
            double x = rate * d[c];
            if (x == 0) {
                continue;
            }
            double room = x > 0 ? MAX_GATE - w[c] : w[c] - MIN_GATE;
            double moved = w[c] + x * Math.max(0, room) / (1 + Math.abs(x));
            w[c] = (float) Math.min(MAX_GATE, Math.max(MIN_GATE, moved));
        }
    }

    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(relations);
            out.writeInt(entities);
            out.writeInt(steps);
            out.writeFloat(gain);
            for (float[][] table : new float[][][] {gates, biases}) {
                for (float[] row : table) {
                    for (float x : row) {
                        out.writeFloat(x);
                    }
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a weights file; a file that is not one is reported with its name. */
    public static SpreadModel load(Path file) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new InputException(file, "not a Strata spread-weights file (written by 'strata learn')", null);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputException(file, "weights format version " + version + ", this build reads " + VERSION, null);
            }
            int relations = in.readInt();
            int entities = in.readInt();
            int steps = in.readInt();
            float gain = in.readFloat();
            if (relations < 0 || entities < 0 || steps < 1 || (long) relations * (entities + relations) > 1L << 31) {
                throw new InputException(file, "header: impossible sizes (" + relations + " relations, " + entities
                        + " entities, " + steps + " steps)", null);
            }
            SpreadModel m = new SpreadModel(relations, entities, steps, gain, 0f, 0f);
            for (float[][] table : new float[][][] {m.gates, m.biases}) {
                for (float[] row : table) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = in.readFloat();
                    }
                }
            }
            if (in.read() != -1) {
                throw new InputException(file, "trailing bytes after the weights", null);
            }
            return m;
        } catch (java.io.EOFException e) {
            throw new InputException(file, "truncated spread-weights file", e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read (" + e.getMessage() + ")", e);
        }
    }
}
