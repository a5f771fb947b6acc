package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;

/** An AWS Lambda SNS subscriber as written for Lambda: records each record it gets (see {@link LambdaRecorder}). */
public class SnsLambdaSubscriber implements RequestHandler<SNSEvent, Void> {

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        event.getRecords().forEach(record -> LambdaRecorder.record("sns-lambda", record));
        return null;
    }
}
