package org.strata.rules.combine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A learned rule combination on disk, bound to the rules it weighs: the file holds a fingerprint of the
 * rules (their text, in order) and the name of the rule file they came from, and reading it against other
 * rules is refused with a message naming both files. Binary (gzip), written to a temporary file and moved
 * into place, so a failed write leaves no half file.
 */
public final class WeightsFile {

    private static final String MAGIC = "strata rule network";
    private static final int VERSION = 3;

    private WeightsFile() {
    }

    /** The fingerprint of a rule list: SHA-256 of the rules' texts, in order. */
    public static String fingerprint(List<String> ruleTexts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String t : ruleTexts) {
                md.update(t.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Writes {@code net}, learned over the rules with these texts, read from {@code ruleFile}. */
    public static void write(RuleNetwork net, List<String> ruleTexts, String ruleFile, Path out) {
        if (ruleTexts.size() != net.size()) {
            throw new IllegalArgumentException(ruleTexts.size() + " rule texts for a network of " + net.size() + " rules");
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(
                    Files.newOutputStream(tmp)), 1 << 16))) {
                d.writeUTF(MAGIC);
                d.writeInt(VERSION);
                d.writeUTF(fingerprint(ruleTexts));
                d.writeUTF(ruleFile);
                d.writeDouble(net.decay);
                d.writeDouble(net.groupDecay);
                d.writeBoolean(net.linear);
                d.writeDouble(net.linkedFactor);
                d.writeInt(net.weights.length);
                d.writeInt(net.groupWeights.length);
                d.writeInt(net.bias.length);
                for (int i = 0; i < net.weights.length; i++) {
                    d.writeDouble(net.weights[i]);
                    d.writeDouble(net.start[i]);
                    d.writeInt(net.groupOf[i]);
                }
                for (int g = 0; g < net.groupWeights.length; g++) {
                    d.writeDouble(net.groupWeights[g]);
                    d.writeDouble(net.groupStart[g]);
                }
                for (double b : net.bias) {
                    d.writeDouble(b);
                }
                d.writeInt(net.filledFactors.length);
                for (double f : net.filledFactors) {
                    d.writeDouble(f);
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that is what is reported
            }
            throw new UncheckedIOException("cannot write weights to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the network in {@code file}, refusing it unless it was learned over exactly these rules (read
     * from {@code ruleFile}).
     *
     * @throws IllegalArgumentException when the file is not a weights file, is damaged, or belongs to other rules
     */
    public static RuleNetwork read(Path file, List<String> ruleTexts, String ruleFile) {
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file)), 1 << 16))) {
            if (!MAGIC.equals(d.readUTF())) {
                throw new IllegalArgumentException(file + " is not a Strata weights file (write one with strata rules train)");
            }
            int version = d.readInt();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException(file + ": weights file version " + version + ", this Strata reads "
                        + VERSION);
            }
            String fingerprint = d.readUTF();
            String learnedFrom = d.readUTF();
            if (!fingerprint.equals(fingerprint(ruleTexts))) {
                throw new IllegalArgumentException("the weights in " + file + " were learned for the rules of "
                        + learnedFrom + ", not for the " + ruleTexts.size() + " rules of " + ruleFile
                        + " (learn weights for these rules with strata rules train --rules " + ruleFile + ")");
            }
            // version 1 has no factor for linked candidates: they counted as any other
            RuleNetwork.Shape shape = new RuleNetwork.Shape(d.readDouble(), d.readDouble(), d.readBoolean(),
                    version == 1 ? 1 : d.readDouble());
            int rules = d.readInt();
            int groups = d.readInt();
            int biases = d.readInt();
            if (rules != ruleTexts.size() || groups < 0 || groups > rules || biases < 0 || biases > 1 << 24) {
                throw new IllegalArgumentException(file + " is damaged: " + rules + " rules, " + groups + " groups, "
                        + biases + " biases");
            }
            double[] w = new double[rules];
            double[] start = new double[rules];
            int[] groupOf = new int[rules];
            for (int i = 0; i < rules; i++) {
                w[i] = d.readDouble();
                start[i] = d.readDouble();
                groupOf[i] = d.readInt();
                if (groupOf[i] < 0 || groupOf[i] >= groups) {
                    throw new IllegalArgumentException(file + " is damaged: rule " + i + " in group " + groupOf[i]
                            + " of " + groups);
                }
            }
            double[] v = new double[groups];
            double[] vStart = new double[groups];
            for (int g = 0; g < groups; g++) {
                v[g] = d.readDouble();
                vStart[g] = d.readDouble();
            }
            double[] b = new double[biases];
            for (int i = 0; i < biases; i++) {
                b[i] = d.readDouble();
            }
            // versions 1 and 2 have no factors for candidates that fill the answer's place: they counted as any other
            int fills = version < 3 ? 0 : d.readInt();
            if (fills < 0 || fills > biases) {
                throw new IllegalArgumentException(file + " is damaged: " + fills + " filled factors for " + biases
                        + " relation directions");
            }
            double[] filled = new double[fills];
            for (int i = 0; i < fills; i++) {
                filled[i] = d.readDouble();
                if (!(filled[i] >= 0) || Double.isInfinite(filled[i])) {
                    throw new IllegalArgumentException(file + " is damaged: filled factor " + filled[i]);
                }
            }
            return new RuleNetwork(w, start, groupOf, v, vStart, b, shape, filled);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is cut short: not a complete weights file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read weights from " + file + ": " + e.getMessage(), e);
        }
    }
}
