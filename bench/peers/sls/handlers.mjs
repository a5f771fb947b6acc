// Seed 001's four Lambda functions ($connect, $disconnect, joinRoom, sendMsgToRoom) plus a ping route, kept
// as close to the article's code as possible: the DynamoDB calls became store.mjs calls, and the management
// API client points at serverless-offline instead of https://${domainName}/${stage}.
// Differences from the article, on purpose:
//  - no console.log(event) per invocation (it would dominate a benchmark);
//  - newParticipant carries the JOINER's id (the article's code sends item.connectionId, the recipient's own id,
//    a bug; Switchboard's example and the ws/Socket.IO peers send the joiner's);
//  - the per-invocation client is destroy()ed at the end: a real Lambda's sandbox freezes after each call, but
//    in this long-lived process every forgotten client would keep its keep-alive sockets (2 fds each) open.
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { put, remove, scanRoom, setRoom } from './store.mjs';

function managementClient() {
  return new ApiGatewayManagementApiClient({
    endpoint: process.env.CALLBACK_URL, // http://127.0.0.1:<websocketPort>, set in serverless.yml
    region: 'us-east-1',
    // Static dummy keys: the SDK signs with them and never searches env, files or instance metadata.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export const connect = async (event) => {
  const { connectionId } = event.requestContext;
  try {
    await put({ connectionId });
  } catch (error) {
    console.log('Error occured:', error);
    return { statusCode: 500 };
  }
  return { statusCode: 200 };
};

export const disconnect = async (event) => {
  const { connectionId } = event.requestContext;
  try {
    await remove(connectionId);
  } catch (error) {
    console.log('Error occured:', error);
    return { statusCode: 500 };
  }
  return { statusCode: 200 };
};

export const joinRoom = async (event) => {
  const body = JSON.parse(event.body);
  const roomId = String(body.roomId);
  const { connectionId } = event.requestContext;
  let result;
  try {
    await setRoom(connectionId, roomId);
    result = await scanRoom(roomId);
  } catch (error) {
    console.log('Error occured:', error);
    return { statusCode: 500 };
  }
  const apiGwClient = managementClient();
  // Notify all participants in the room except the newest one.
  const promises = result.Items.map(async (item) => {
    if (item.connectionId !== connectionId) {
      const postCommand = new PostToConnectionCommand({
        ConnectionId: item.connectionId,
        Data: JSON.stringify({ type: 'newParticipant', participantConnectionId: connectionId }),
      });
      await apiGwClient.send(postCommand);
    }
  });
  try {
    await Promise.all(promises);
  } catch (error) {
    console.log('Error occured:', error);
    return { statusCode: 500 };
  } finally {
    apiGwClient.destroy();
  }
  return { statusCode: 200 };
};

export const sendMsgToRoom = async (event) => {
  const body = JSON.parse(event.body);
  const roomId = String(body.roomId);
  const message = String(body.message);
  const { connectionId } = event.requestContext;
  let result;
  try {
    result = await scanRoom(roomId);
  } catch (error) {
    console.log('Error occured:', error);
    return { statusCode: 500 };
  }
  const apiGwClient = managementClient();
  const promises = result.Items.map(async (item) => {
    if (item.connectionId !== connectionId) {
      await apiGwClient.send(new PostToConnectionCommand({ ConnectionId: item.connectionId, Data: message }));
    }
  });
  try {
    await Promise.all(promises);
  } catch (error) {
    console.log('Error occured:', error);
    return { statusCode: 500 };
  } finally {
    apiGwClient.destroy();
  }
  return { statusCode: 200 };
};

// Not in the article: the same {"action":"ping"} probe Switchboard's example answers. The body goes back to
// the caller because the route has routeResponseSelectionExpression: $default.
export const ping = async (event) => {
  const { connectionId } = event.requestContext;
  return { statusCode: 200, body: JSON.stringify({ type: 'pong', statusCode: 200, connectionId }) };
};
