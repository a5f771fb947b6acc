package io.switchboard.connections;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link NodeCommand} for an engine that carries commands outside the process (Redis pub/sub): one
 * version byte, one kind byte, then the fields, strings as length-prefixed UTF-8. Decoding trusts nothing: every
 * length is checked against what is left, so a corrupt or hostile message fails with
 * {@link IllegalArgumentException} instead of allocating what it claims.
 */
public final class NodeCommandCodec {
    private static final int VERSION = 1;
    private static final int POST = 1;
    private static final int CLOSE = 2;
    private static final int FAN_OUT = 3;

    private NodeCommandCodec() {
    }

    public static byte[] encode(NodeCommand command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (command instanceof NodeCommand.Post p) {
                out.writeByte(POST);
                out.writeUTF(p.stage());
                out.writeUTF(p.connectionId());
                message(out, p.message());
            } else if (command instanceof NodeCommand.Close c) {
                out.writeByte(CLOSE);
                out.writeUTF(c.stage());
                out.writeUTF(c.connectionId());
                out.writeShort(c.code());
                out.writeUTF(c.reason());
            } else {
                NodeCommand.FanOut f = (NodeCommand.FanOut) command;
                out.writeByte(FAN_OUT);
                out.writeUTF(f.stage());
                out.writeBoolean(f.prune());
                out.writeInt(f.connectionIds().size());
                for (String id : f.connectionIds()) {
                    out.writeUTF(id);
                }
                message(out, f.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a command of this version */
    public static NodeCommand decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readUnsignedByte() != VERSION) {
                throw new IllegalArgumentException("not a node command of version " + VERSION);
            }
            int kind = in.readUnsignedByte();
            NodeCommand command = switch (kind) {
                case POST -> new NodeCommand.Post(in.readUTF(), in.readUTF(), message(in));
                case CLOSE -> new NodeCommand.Close(in.readUTF(), in.readUTF(), in.readUnsignedShort(), in.readUTF());
                case FAN_OUT -> {
                    String stage = in.readUTF();
                    boolean prune = in.readBoolean();
                    int count = in.readInt();
                    if (count < 0 || count > in.available() / 2) { // each id takes at least its 2-byte length
                        throw new IllegalArgumentException("a fan-out claims " + count + " connections");
                    }
                    List<String> ids = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        ids.add(in.readUTF());
                    }
                    yield new NodeCommand.FanOut(stage, ids, message(in), prune);
                }
                default -> throw new IllegalArgumentException("unknown node command kind " + kind);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException("a node command has " + in.available() + " bytes too many");
            }
            return command;
        } catch (IOException e) {
            throw new IllegalArgumentException("a node command is cut short", e);
        }
    }

    private static void message(DataOutputStream out, OutboundMessage message) throws IOException {
        out.writeBoolean(message.binary());
        byte[] payload = message.payload();
        out.writeInt(payload.length);
        out.write(payload);
    }

    private static OutboundMessage message(DataInputStream in) throws IOException {
        boolean binary = in.readBoolean();
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException("a node command claims a message of " + length + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        return binary ? OutboundMessage.binary(payload) : OutboundMessage.text(
                new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }
}
