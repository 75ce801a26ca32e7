export { createMswBridge, type MswBridge, type MswBridgeOptions } from './create-msw-bridge.js';
