import { startGateway } from './start-gateway.js';

/** `npm start`: the gateway, configured by the environment (and `.env`) alone. */
void startGateway(process.env);
