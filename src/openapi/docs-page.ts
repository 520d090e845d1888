/**
 * The docs page: Swagger UI from the swagger-ui-dist package, served by the gateway itself (no CDN), reading
 * /openapi.json. Its start-up is a script file of its own, not inline, so the page's CSP needs no 'unsafe-inline'
 * for scripts. `validatorUrl: null`: Swagger UI would otherwise send the document to swagger.io's validator.
 * The key a user enters (Authorize) stays in the page's memory, never in storage.
 */
export const docsPage = {
  html: `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>claude-code-gateway API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/start.js"></script>
</body>
</html>
`,
  script: `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  displayRequestDuration: true,
  persistAuthorization: false,
});
`,
};
