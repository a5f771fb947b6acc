package io.switchboard.integration;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Lambda {@link Context} handed to unchanged Lambda handlers: request id, remaining time, a logger. */
final class LambdaContext implements Context {
    private final String requestId;
    private final long deadlineNanos;
    private final String functionName;
    private final LambdaLogger logger;

    LambdaContext(Invocation invocation, Class<?> handlerClass) {
        this(invocation.requestId(), invocation.remainingTime(), handlerClass);
    }

    /**
     * @param requestId what {@link #getAwsRequestId()} answers
     * @param timeout   the time the handler has, from now
     */
    LambdaContext(String requestId, java.time.Duration timeout, Class<?> handlerClass) {
        this.requestId = requestId;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.functionName = handlerClass.getSimpleName();
        Logger log = LoggerFactory.getLogger(handlerClass);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.info(message.stripTrailing());
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/switchboard/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "switchboard";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null; // Lambda's contract: null when the caller is not a Cognito identity
    }

    @Override
    public ClientContext getClientContext() {
        return null; // Lambda's contract: null unless invoked by the mobile SDK
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
