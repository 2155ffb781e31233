package org.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.strata.graph.eval.HardNegatives;
import org.strata.graph.eval.TripleClassification;
import org.strata.graph.projection.Dataset;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;

/** The noisy feed on UMLS: its proposals, its batches, and a tally whose counts add up to what was sent. */
class NoisyFeedTest {

    static final Dataset UMLS = Dataset.load(Path.of("..", "datasets", "umls").toAbsolutePath().normalize());

    @Test
    void proposalsBatchesAndTally_addUp() {
        TripleClassification.Labelled test = TripleClassification.withNegatives(UMLS, "test",
                HardNegatives.of(UMLS, "test", 4));
        NoisyFeed feed = new NoisyFeed(UMLS, test, 9);
        assertEquals(test.size(), feed.proposals().size(), "every labelled triple once");
        assertEquals(UMLS.test().size(), feed.positives());
        assertEquals(UMLS.test().size(), feed.negatives());
        Set<Proposal> seen = new HashSet<>();
        int sent = 0;
        for (int b = 0; b < 3; b++) {
            List<Proposal> batch = feed.batch(b, 3);
            assertTrue(Math.abs(batch.size() - feed.proposals().size() / 3) <= 1, "batches of even size");
            batch.forEach(p -> assertTrue(seen.add(p), "a proposal in two batches: " + p));
            sent += batch.size();
        }
        assertEquals(feed.proposals().size(), sent);
        long trueInFirst = feed.batch(0, 3).stream().filter(feed::isTrue).count();
        assertTrue(trueInFirst > 0 && trueInFirst < feed.batch(0, 3).size(), "shuffled: both kinds in a batch");

        // a store that holds the first batch: one of each state, the rest CANDIDATE, one LEFTOVER without evidence
        List<Proposal> first = feed.batch(0, 3);
        List<FactRecord> facts = new ArrayList<>();
        LifecycleState[] states = {LifecycleState.STABLE, LifecycleState.SOLIDIFIED, LifecycleState.LEFTOVER,
            LifecycleState.LEFTOVER};
        for (int i = 0; i < first.size() - 1; i++) { // the last one was rejected: not in the store
            Proposal p = first.get(i);
            LifecycleState s = i < states.length ? states[i] : LifecycleState.CANDIDATE;
            facts.add(new FactRecord(p.head(), p.relation(), p.tail(), s, List.of("feed:1"), 0, 0.5,
                    i == 2 ? org.strata.graph.govern.Gate.Against.JUDGE.marker + "no rule predicts it" : null));
        }
        NoisyFeed.Tally tally = feed.tally(facts, first.size());
        assertEquals(first.size(), tally.total(), "the tally counts every proposal sent");
        assertEquals(first.stream().filter(feed::isTrue).count(), tally.trueSent());
        assertEquals(1, tally.leftoverWithoutEvidence());
        long rejected = tally.trueByState().get(NoisyFeed.REJECTED) + tally.falseByState().get(NoisyFeed.REJECTED);
        assertEquals(1, rejected);
        Map<String, Long> byKind = feed.isTrue(first.get(0)) ? tally.trueByState() : tally.falseByState();
        assertTrue(byKind.get("STABLE") >= 1);
        assertEquals(2, tally.trueBelieved() + tally.falseBelieved(), "STABLE and SOLIDIFIED are believed");
        // the two LEFTOVER facts by their counter-evidence: the judge's doubt, and none (counted as OTHER)
        long[] judge = tally.leftoverAgainst().get(org.strata.graph.govern.Gate.Against.JUDGE);
        long[] other = tally.leftoverAgainst().get(org.strata.graph.govern.Gate.Against.OTHER);
        assertEquals(1, judge[0] + judge[1]);
        assertEquals(feed.isTrue(first.get(2)) ? 1 : 0, judge[0]);
        assertEquals(1, other[0] + other[1]);
        assertEquals(tally.trueByState().get("LEFTOVER") + tally.falseByState().get("LEFTOVER"),
                tally.leftoverAgainst().values().stream().mapToLong(n -> n[0] + n[1]).sum(),
                "every LEFTOVER counted under one kind");
    }

    /**
     * {@code bench feed --split valid}: half of the validation triples (and of their negatives) is proposed, the
     * other half written for the judge's calibration; no proposal is among the calibration triples, together
     * they are the whole split, and no test triple is proposed.
     */
    @Test
    void onTheValidationSplit_theProposedHalfNeverCalibrates(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        TripleClassification.Labelled valid = TripleClassification.withNegatives(UMLS, "valid",
                HardNegatives.of(UMLS, "valid", 4));
        TripleClassification.Labelled[] halves = valid.halves(7);
        NoisyFeed feed = new NoisyFeed(UMLS, halves[0], 9);
        Path trueFile = BenchFeedCommand.write(UMLS, halves[1], true, dir.resolve("calibration_true.txt"));
        Path falseFile = BenchFeedCommand.write(UMLS, halves[1], false, dir.resolve("calibration_false.txt"));
        Set<String> calibration = new HashSet<>();
        long trueLines = 0;
        for (Path f : List.of(trueFile, falseFile)) {
            for (String line : java.nio.file.Files.readAllLines(f)) {
                String[] t = line.split("\t");
                assertTrue(calibration.add(FactRecord.key(t[0], t[1], t[2])), "written once: " + line);
                trueLines += f == trueFile ? 1 : 0;
            }
        }
        Set<String> test = new HashSet<>();
        var split = UMLS.test();
        for (int i = 0; i < split.size(); i++) {
            test.add(FactRecord.key(UMLS.entities().name(split.heads()[i]), UMLS.relations().name(split.relations()[i]),
                    UMLS.entities().name(split.tails()[i])));
        }
        for (Proposal p : feed.proposals()) {
            String key = FactRecord.key(p.head(), p.relation(), p.tail());
            assertTrue(!calibration.contains(key), "a proposal calibrates the judge: " + key);
            assertTrue(!test.contains(key), "a test triple is proposed: " + key);
        }
        assertEquals(valid.positives(), feed.positives() + trueLines, "the halves hold every validation triple");
        assertEquals(valid.size(), feed.proposals().size() + calibration.size());
        assertTrue(Math.abs(feed.positives() - trueLines) <= 1, "the true triples halved");
        assertTrue(Math.abs(feed.negatives() - (calibration.size() - trueLines)) <= 1, "the negatives halved");
        TripleClassification.Labelled[] again = valid.halves(7);
        assertEquals(java.util.Arrays.toString(halves[0].heads()), java.util.Arrays.toString(again[0].heads()),
                "the same seed, the same halves");
        assertTrue(!java.util.Arrays.equals(halves[0].heads(), valid.halves(8)[0].heads()), "another seed, other halves");
    }
}
