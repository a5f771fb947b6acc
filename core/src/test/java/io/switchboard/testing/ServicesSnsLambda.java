package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.switchboard.handler.ApiServices;

/** A Lambda SNS subscriber that wrongly asks for Switchboard's services: Lambda classes are created without any. */
public final class ServicesSnsLambda implements RequestHandler<SNSEvent, Void> {
    public ServicesSnsLambda(ApiServices api) {
        // never created
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        return null;
    }
}
