package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.switchboard.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** A Lambda stream handler: JSON event in, JSON proxy response out. */
public class StreamLambdaHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        String body = event.get("body").asString();
        String answer = body.equals("bad")
                ? "{\"statusCode\":200,\"body\":\"x\",\"ConnectionId\":\"not allowed\"}"
                : "{\"statusCode\":200,\"body\":" + Json.MAPPER.writeValueAsString("stream:" + body) + "}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }
}
