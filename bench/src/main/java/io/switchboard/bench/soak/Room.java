package io.switchboard.bench.soak;

/**
 * A room of the soak: members {@code first … first + size − 1} (by connection number) join {@code name}.
 *
 * @param kind {@code room} (healthy, the goal's latency), {@code busy} (healthy, fast, the slow consumers join it)
 *             or {@code churn} (members that leave and come back; their deliveries are counted, not checked)
 */
record Room(String name, int first, int size, String kind) {

    boolean busy() {
        return kind.equals("busy");
    }

    boolean churn() {
        return kind.equals("churn");
    }
}
