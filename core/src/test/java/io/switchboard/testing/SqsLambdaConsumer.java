package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWS Lambda SQS consumer as written for Lambda: records each record (for the queue's ARN name, see
 * {@link LambdaRecorder}) and reports a message whose body is {@code fail once} as failed on its first receive.
 */
public class SqsLambdaConsumer implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            LambdaRecorder.record("sqs-lambda", record);
            if (record.getBody().equals("fail once") && record.getAttributes().get("ApproximateReceiveCount")
                    .equals("1")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
