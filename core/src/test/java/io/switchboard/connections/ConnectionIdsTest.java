package io.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionIdsTest {

    @Test
    void connectionIdsAreAwsStylePrintableAndCarry136RandomBits() {
        Set<String> seen = new HashSet<>();
        int[] bitCounts = new int[136];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            String id = ConnectionIds.connectionId();
            assertThat(id).hasSize(24).endsWith("=").matches("[A-Za-z0-9_-]{23}=");
            assertThat(seen.add(id)).as("unique").isTrue();
            byte[] raw = Base64.getUrlDecoder().decode(id);
            for (int bit = 0; bit < 136; bit++) {
                if ((raw[bit / 8] >> (bit % 8) & 1) == 1) {
                    bitCounts[bit]++;
                }
            }
        }
        for (int count : bitCounts) { // every bit is set about half the time: no fixed or biased bits
            assertThat(count).isBetween((int) (n * 0.48), (int) (n * 0.52));
        }
    }

    @Test
    void requestIdsLookLikeAwsAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ConnectionIds.requestId();
            assertThat(id).matches("[A-Za-z0-9_-]{15}=");
            assertThat(seen.add(id)).isTrue();
        }
    }
}
