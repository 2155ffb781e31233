package org.strata.rules.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

    @Test
    void agreesWithAHashMap_acrossClearsAndGrowth() {
        SplittableRandom rng = new SplittableRandom(11);
        LongLongMap map = new LongLongMap();
        Map<Long, Long> expected = new HashMap<>();
        for (int round = 0; round < 20; round++) {
            int n = rng.nextInt(1, 5_000); // some rounds grow the table past its first 1,024 slots
            for (int i = 0; i < n; i++) {
                long key = rng.nextLong(-3_000, 3_000) * 0x100000001L; // collisions in the low bits too
                long value = rng.nextLong();
                map.put(key, value);
                expected.put(key, value);
            }
            for (long key = -3_000; key < 3_000; key++) {
                long k = key * 0x100000001L;
                assertEquals(expected.getOrDefault(k, -1L), map.get(k, -1L), "round " + round + ", key " + k);
            }
            map.clear(); // nothing of the round before may be found after it
            expected.clear();
        }
    }
}
