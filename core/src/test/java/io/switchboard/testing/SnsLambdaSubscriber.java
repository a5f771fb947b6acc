package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;

/** An AWS Lambda SNS subscriber as written for Lambda: records each record it gets (see {@link Recorder}). */
public class SnsLambdaSubscriber implements RequestHandler<SNSEvent, Void> {

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        event.getRecords().forEach(record -> Recorder.record("sns-lambda", record));
        return null;
    }
}
