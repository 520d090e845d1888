/** A configuration that cannot be served: said to the operator (in their language), and start-up stops. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
