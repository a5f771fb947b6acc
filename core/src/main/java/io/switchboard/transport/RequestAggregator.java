package io.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.ManagementResponses;

/**
 * Collects an HTTP request with its body. A body over the limit is refused with 413 in the management API's error
 * shape ({@code PayloadTooLargeException}), which the AWS SDKs understand. A kept-alive connection stays open and the
 * rest of the body is read and dropped, so a client still sending it reads the answer instead of a broken pipe.
 */
final class RequestAggregator extends HttpObjectAggregator {
    private final int maxBody;

    RequestAggregator(int maxBody) {
        super(maxBody);
        this.maxBody = maxBody;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (oversized instanceof HttpRequest) {
            boolean keepAlive = HttpUtil.isKeepAlive(oversized) && !(oversized instanceof FullHttpMessage);
            ManagementResponses.error(ctx, GatewayError.PAYLOAD_TOO_LARGE, tooLarge(), keepAlive);
        } else {
            super.handleOversizedMessage(ctx, oversized);
        }
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
            ReferenceCountUtil.release(answer);
            return ManagementResponses.errorResponse(GatewayError.PAYLOAD_TOO_LARGE, tooLarge(), true);
        }
        return answer;
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBody + " bytes";
    }
}
