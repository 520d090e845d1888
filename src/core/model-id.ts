/** What a model id may be: it reaches the CLI's argv (Bedrock ARNs and Vertex `@` versions included). */
export const modelIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:@/[\]-]{0,199}$/;
