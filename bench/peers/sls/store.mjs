// Stand-in for the article's DynamoDB table "videoChat-table" (partition key connectionId, attribute roomId).
// A module-level Map: every handler that imports this module shares it only while all handlers run in ONE
// module graph, i.e. serverless-offline's useInProcess mode (see serverless.yml). In the default worker-thread
// mode each function instance would get its own copy and joinRoom would never see $connect's rows.
const table = new Map();

// The same operations the handlers did through DynamoDBDocumentClient; async like the real calls.
export async function put(item) {
  table.set(item.connectionId, { ...item });
}

export async function remove(connectionId) {
  table.delete(connectionId);
}

/** UpdateCommand "SET roomId = :roomId": an upsert, as in DynamoDB. */
export async function setRoom(connectionId, roomId) {
  table.set(connectionId, { ...table.get(connectionId), connectionId, roomId });
}

/** ScanCommand with FilterExpression "roomId = :roomId": reads the WHOLE table, like a DynamoDB Scan. */
export async function scanRoom(roomId) {
  const Items = [];
  for (const item of table.values()) if (item.roomId === roomId) Items.push({ ...item });
  return { Items };
}

export function size() {
  return table.size;
}
