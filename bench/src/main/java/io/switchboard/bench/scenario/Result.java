package io.switchboard.bench.scenario;

import java.util.Map;
import java.util.TreeMap;

/**
 * One measured run of a scenario against a server.
 *
 * @param scenario the scenario's name, with its variant ({@code echo}, {@code echo@50%})
 * @param server   the server's label
 * @param params   what was offered (connections, rate, …)
 * @param metrics  what was measured; see each scenario for its keys
 */
public record Result(String scenario, String server, Map<String, Object> params, Map<String, Double> metrics) {

    public Result {
        params = new TreeMap<>(params);
        metrics = new TreeMap<>(metrics);
    }

    public double metric(String key) {
        Double v = metrics.get(key);
        return v == null ? Double.NaN : v;
    }
}
