// Real time: socket.io on the API's HTTP server, authenticated with the access token, one room per
// user; the Redis adapter when REDIS_URL is set; PostgreSQL LISTEN for events born in transactions.
export {
  type ClientToServerEvents,
  type RealtimeServer,
  type RealtimeSocket,
  type ServerToClientEvents,
  type SocketData,
  sessionRoom,
  userRoom,
} from './events';
export { type ChannelListener, type ChannelListenerOptions, listenToChannel } from './pg-channel';
export {
  defaultRedisKey,
  installRealtime,
  REALTIME_PATH,
  type Realtime,
  type RealtimeOptions,
} from './server';
export { authenticateToken, SocketRefusal, socketAuthenticator } from './socket-auth';
