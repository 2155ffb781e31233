package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.projection.Direction;

/** Weights files: a round trip keeps every weight; weights for other rules, or a damaged file, are refused. */
class WeightsFileTest {

    private static RuleNetwork network() {
        RuleNetwork net = new RuleNetwork(new double[] {0.5, -1.25, 3}, new double[] {0.8, 0.4, 0.4},
                new int[] {0, 1, 1}, new double[] {1, 2.5}, new double[] {1, 1}, new double[] {-10, -3, 0.5, 7},
                new RuleNetwork.Shape(0.25, 0.5, true, 0.3), new double[] {0.1, 1, 1.4, 0});
        return net;
    }

    private static final List<String> RULES = List.of("q(X,Y) <= p(X,Y)", "q(X,Y) <= s(X,Y)", "q(X,e) <= t(X,A)");

    /**
     * A file of version 1 (written before the factor of linked candidates and the factors of candidates that
     * fill the answer's place) is still read, those candidates counting as any other.
     */
    @Test
    void versionOne_readsWithLinkedCandidatesAsAnyOther(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v1.bin");
        RuleNetwork net = network();
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            d.writeUTF("strata rule network");
            d.writeInt(1);
            d.writeUTF(WeightsFile.fingerprint(RULES));
            d.writeUTF("rules.txt");
            d.writeDouble(net.decay);
            d.writeDouble(net.groupDecay);
            d.writeBoolean(net.linear);
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
            for (double x : net.bias) {
                d.writeDouble(x);
            }
        }
        RuleNetwork back = WeightsFile.read(file, RULES, "rules.txt");
        assertEquals(net.shape().withLinked(1), back.shape());
        assertEquals(0.1, net.filledFactor(0, Direction.OUT));
        assertEquals(1, back.filledFactor(0, Direction.OUT));
        assertArrayEquals(net.weights, back.weights);
        assertArrayEquals(net.groupWeights, back.groupWeights);
        assertArrayEquals(net.bias, back.bias);
    }

    @Test
    void roundTrip_keepsEveryWeight(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.bin");
        RuleNetwork net = network();
        WeightsFile.write(net, RULES, "rules.txt", file);
        RuleNetwork back = WeightsFile.read(file, RULES, "rules.txt");
        assertArrayEquals(net.weights, back.weights);
        assertArrayEquals(net.start, back.start);
        assertArrayEquals(net.groupOf, back.groupOf);
        assertArrayEquals(net.groupWeights, back.groupWeights);
        assertArrayEquals(net.bias, back.bias);
        assertArrayEquals(net.filledFactors, back.filledFactors);
        assertEquals(net.shape(), back.shape());
        assertEquals(net.score(new int[] {0, 1, 2}), back.score(new int[] {0, 1, 2}));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside the weights");
        }
    }

    @Test
    void weightsForOtherRules_areRefused_namingBothFiles(@TempDir Path dir) {
        Path file = dir.resolve("w.bin");
        WeightsFile.write(network(), RULES, "learned-rules.txt", file);
        List<String> other = List.of("q(X,Y) <= p(X,Y)", "q(X,Y) <= s(Y,X)", "q(X,e) <= t(X,A)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightsFile.read(file, other, "other-rules.txt"));
        assertTrue(e.getMessage().contains("learned-rules.txt") && e.getMessage().contains("other-rules.txt")
                && e.getMessage().contains(file.toString()), e.getMessage());
        // the same rules in another order are other rules too: indices would point at the wrong ones
        assertThrows(IllegalArgumentException.class, () -> WeightsFile.read(file,
                List.of(RULES.get(1), RULES.get(0), RULES.get(2)), "learned-rules.txt"));
    }

    @Test
    void damagedFiles_areRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.bin");
        WeightsFile.write(network(), RULES, "rules.txt", file);
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightsFile.read(cut, RULES, "rules.txt"));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        Path text = dir.resolve("rules.txt");
        Files.writeString(text, "q(X,Y) <= p(X,Y)\n");
        e = assertThrows(IllegalArgumentException.class, () -> WeightsFile.read(text, RULES, "rules.txt"));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("w.bin.tmp")));
    }
}
