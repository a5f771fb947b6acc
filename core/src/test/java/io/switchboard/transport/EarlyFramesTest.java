package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bytes a client sends after its upgrade request and before the 101: the HTTP decoder stops at the upgrade
 * request (what it had not parsed yet is held, not taken for a request line), what arrives later is held too, and
 * once the WebSocket decoder is in place everything is decoded in the order it came; up to 64 KiB are held, a byte
 * more closes the connection and releases what was held; a connection that closes before the 101 releases them too.
 */
class EarlyFramesTest {
    private static final String UPGRADE = "GET /production HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    /** Stands in for HttpRouter: an upgrade request starts holding, as HttpRouter.route does. */
    private static final class Router extends ChannelInboundHandlerAdapter {
        final List<String> requests = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                requests.add(request.uri());
                request.release();
                EarlyFrames.hold(ctx.pipeline());
            } else {
                ReferenceCountUtil.release(msg);
                throw new AssertionError("not a request: " + msg);
            }
        }
    }

    private final Router router = new Router();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    EarlyFramesTest() {
        channel.pipeline().addLast(ServerInitializer.FLUSH, new ChannelDuplexHandler()); // TLS would be before it
        channel.pipeline().addLast("http-codec", new HttpServerCodec());
        channel.pipeline().addLast("http-aggregator", new RequestAggregator(1024));
        channel.pipeline().addLast("router", router);
    }

    @AfterEach
    void releaseWhatIsLeft() {
        channel.finishAndReleaseAll();
    }

    /** The masked frames a client would send for these texts, as one byte sequence. */
    private static byte[] clientFrames(String... texts) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String text : texts) {
            encoder.writeOutbound(new TextWebSocketFrame(text));
            for (ByteBuf encoded; (encoded = encoder.readOutbound()) != null; ) {
                byte[] copy = new byte[encoded.readableBytes()];
                encoded.readBytes(copy);
                encoded.release();
                bytes.writeBytes(copy);
            }
        }
        encoder.finishAndReleaseAll();
        return bytes.toByteArray();
    }

    private static ByteBuf buffer(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return Unpooled.wrappedBuffer(bytes.toByteArray());
    }

    /** What the handshake does once the 101 is out: the WebSocket decoder replaces HTTP, then the release. */
    private List<String> upgradeAndRelease() {
        channel.pipeline().remove("router");
        channel.pipeline().remove("http-aggregator");
        channel.pipeline().replace("http-codec", "ws-decoder", new WebSocket13FrameDecoder(true, false, 65536));
        EarlyFrames.release(channel.pipeline(), ServerInitializer.FLUSH);
        assertThat(channel.pipeline().get(EarlyFrames.NAME)).isNull();
        List<String> texts = new ArrayList<>();
        for (Object in; (in = channel.readInbound()) != null; ) {
            texts.add(((TextWebSocketFrame) in).text());
            ((WebSocketFrame) in).release();
        }
        return texts;
    }

    @Test
    void framesInTheUpgradeRequestsPacketAndAfterItAreHeldAndDecodedInOrderOnceReleased() {
        byte[] frames = clientFrames("one", "two", "three", "four");
        int split = clientFrames("one", "two").length + 3; // "three" arrives in two pieces
        ByteBuf first = buffer(UPGRADE.getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(frames, split));
        channel.writeInbound(first);
        assertThat(router.requests).containsExactly("/production");
        assertThat(channel.pipeline().get(EarlyFrames.NAME)).isInstanceOf(EarlyFrames.class);
        ByteBuf second = buffer(Arrays.copyOfRange(frames, split, frames.length));
        channel.writeInbound(second);
        assertThat(router.requests).as("the frames were not taken for a request").containsExactly("/production");
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(upgradeAndRelease()).containsExactly("one", "two", "three", "four");
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void holdingTwiceKeepsOneHolderAndReleasingWithNothingHeldPassesNothingOn() {
        channel.writeInbound(Unpooled.copiedBuffer(UPGRADE, StandardCharsets.US_ASCII));
        EarlyFrames.hold(channel.pipeline()); // a second call (the codec's decoder is already gone) changes nothing
        assertThat(channel.pipeline().names().stream().filter(EarlyFrames.NAME::equals)).hasSize(1);
        assertThat(upgradeAndRelease()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void exactlyTheLimitIsHeldAndPassedOnWhole() {
        channel.writeInbound(Unpooled.copiedBuffer(UPGRADE, StandardCharsets.US_ASCII));
        for (int i = 0; i < EarlyFrames.MAX_BYTES / 1024; i++) {
            byte[] kilobyte = new byte[1024];
            Arrays.fill(kilobyte, (byte) i);
            channel.writeInbound(Unpooled.wrappedBuffer(kilobyte));
        }
        assertThat(channel.isOpen()).isTrue();
        channel.pipeline().remove("router");
        channel.pipeline().remove("http-aggregator");
        channel.pipeline().remove("http-codec");
        EarlyFrames.release(channel.pipeline(), ServerInitializer.FLUSH);
        ByteBuf released = channel.readInbound();
        assertThat(released.readableBytes()).isEqualTo(EarlyFrames.MAX_BYTES);
        for (int i = 0; i < EarlyFrames.MAX_BYTES / 1024; i++) {
            assertThat(released.getByte(i * 1024)).isEqualTo((byte) i);
            assertThat(released.getByte(i * 1024 + 1023)).isEqualTo((byte) i);
        }
        released.release();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aByteOverTheLimitClosesTheConnectionAndReleasesWhatWasHeld() {
        channel.writeInbound(Unpooled.copiedBuffer(UPGRADE, StandardCharsets.US_ASCII));
        List<ByteBuf> sent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ByteBuf half = Unpooled.wrappedBuffer(new byte[EarlyFrames.MAX_BYTES / 2]);
            sent.add(half);
            channel.writeInbound(half);
        }
        assertThat(channel.isOpen()).isTrue();
        assertThat(sent).allSatisfy(held -> assertThat(held.refCnt()).isOne());
        ByteBuf over = Unpooled.wrappedBuffer(new byte[1]);
        sent.add(over);
        channel.writeInbound(over);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(sent).allSatisfy(released -> assertThat(released.refCnt()).isZero());
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(router.requests).containsExactly("/production");
    }

    @Test
    void whatIsHeldWhenTheConnectionClosesBeforeThe101IsReleased() {
        byte[] frames = clientFrames("early");
        ByteBuf first = buffer(UPGRADE.getBytes(StandardCharsets.US_ASCII), frames);
        ByteBuf later = Unpooled.wrappedBuffer(clientFrames("later"));
        channel.writeInbound(first);
        channel.writeInbound(later);
        assertThat(later.refCnt()).as("held").isOne();
        channel.close(); // the handshake failed, or the client left during $connect
        channel.runPendingTasks();
        assertThat(first.refCnt()).isZero();
        assertThat(later.refCnt()).isZero();
        EarlyFrames.release(channel.pipeline(), ServerInitializer.FLUSH); // nothing left to release: a no-op
        assertThat((Object) channel.readInbound()).isNull();
    }
}
