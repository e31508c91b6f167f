// The page's one WebSocket to /api/v1/stream, multiplexing every subscription of every view.
// Views call subscribe(topic, handler) and get an unsubscribe function; the socket holds the union
// of what views want. When it drops, the badge says so, it reconnects with exponential backoff
// (with jitter), subscribes again, and tells views to fill the gap from REST (onReconnect).

const MIN_BACKOFF_MILLIS = 500;
const MAX_BACKOFF_MILLIS = 30000;
/** Event type on the wire -> the subscription it answers. */
const TOPIC_OF_TYPE = { anomaly: 'anomalies', alert: 'alerts', health: 'health', insight: 'insights', recommendation: 'recommendations', deployment: 'deployments' };

export class Stream {
  constructor(url, onState) {
    this.url = url;
    this.onState = onState;
    this.handlers = new Map();     // topic -> Set of handlers
    this.reconnectListeners = new Set();
    this.sent = new Set();          // topics the server was asked for on this socket
    this.attempt = 0;
    this.everOpened = false;
    this.connect();
  }

  connect() {
    this.onState('connecting', this.everOpened ? 'reconnecting…' : 'connecting…');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.sent = new Set();
      // The gap is filled from REST once the server confirmed the subscriptions: the server stores a
      // point before it streams it, so a point missing from the REST answer is still to come live.
      this.fillPending = reconnected;
      if (!this.sync() && reconnected) this.fill();
      this.onState('live', 'live');
    };
    socket.onmessage = event => this.dispatch(JSON.parse(event.data));
    socket.onclose = event => {
      if (this.socket !== socket) return;
      const delay = Math.min(MAX_BACKOFF_MILLIS, MIN_BACKOFF_MILLIS * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
      this.attempt++;
      this.onState('down', `disconnected${event.code && event.code !== 1006 ? ' (' + event.code + ')' : ''}, retrying in ${Math.ceil(delay / 1000)}s`);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  fill() {
    this.fillPending = false;
    this.reconnectListeners.forEach(listener => listener());
  }

  dispatch(message) {
    if (message.type === 'subscribed' && this.fillPending) this.fill();
    const topic = message.type === 'point' ? `points:${message.data.seriesId}` : TOPIC_OF_TYPE[message.type];
    const handlers = topic && this.handlers.get(topic);
    if (handlers) handlers.forEach(handler => handler(message.data));
  }

  /** Calls handler with each event of topic until the returned function is called. */
  subscribe(topic, handler) {
    if (!this.handlers.has(topic)) this.handlers.set(topic, new Set());
    this.handlers.get(topic).add(handler);
    this.schedule();
    return () => {
      const set = this.handlers.get(topic);
      if (!set) return;
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(topic);
      this.schedule();
    };
  }

  /** Calls listener after every reconnect (not the first connect), to refetch what was missed. */
  onReconnect(listener) {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  // Views subscribe and unsubscribe in bursts (a page change): send one message per burst.
  schedule() {
    if (!this.pending) this.pending = Promise.resolve().then(() => { this.pending = null; this.sync(); });
  }

  /** Sends what changed since the last message; answers whether anything was sent. */
  sync() {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    const wanted = new Set(this.handlers.keys());
    const subscribe = [...wanted].filter(topic => !this.sent.has(topic));
    const unsubscribe = [...this.sent].filter(topic => !wanted.has(topic));
    if (subscribe.length === 0 && unsubscribe.length === 0) return false;
    const message = {};
    if (unsubscribe.length) message.unsubscribe = unsubscribe;
    if (subscribe.length) message.subscribe = subscribe;
    this.socket.send(JSON.stringify(message));
    this.sent = wanted;
    return true;
  }
}
