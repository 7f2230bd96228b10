/**
 * Production entry point of the app factory in app.ts:
 *
 *   cp .env.example .env   # fill it in
 *   node --env-file=.env --import tsx server.ts    (or compile with tsc and run `node --env-file=.env server.js`)
 */
import { github } from 'express-oauth-kit';
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 3000);
const app = createApp({
  baseUrl: process.env.BASE_URL ?? `http://localhost:${port}`,
  sessionSecret: process.env.SESSION_SECRET!,
  github: github({ clientId: process.env.GITHUB_CLIENT_ID!, clientSecret: process.env.GITHUB_CLIENT_SECRET! }),
});
app.listen(port, () => console.log(`listening on ${process.env.BASE_URL ?? `http://localhost:${port}`}`));
