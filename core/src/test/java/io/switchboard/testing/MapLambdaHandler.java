package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A Lambda handler on plain maps, as many Java Lambdas are written. */
public class MapLambdaHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> requestContext = (Map<String, Object>) event.get("requestContext");
        return Map.of("statusCode", 200, "body", "map:" + requestContext.get("routeKey") + ":" + event.get("body"));
    }
}
