/**
 * Type tests (checked by `npm run typecheck`, part of `npm test`): what the
 * registry's user type makes compile, and — with `@ts-expect-error` — what it
 * must refuse. An expected error that does not happen fails the type check.
 */
import express from 'express';
import { createRegistry, loginRequired, type Profile, type Registry } from '../../src/index.ts';

interface AppUser {
  id: string;
  displayName: string;
  roles: string[];
}

const app = express();

// Without onLogin the user is the Profile.
const plain = createRegistry({ baseUrl: 'https://app.example.com' });
const plainCheck: Registry<Profile> = plain;
app.get('/me', plain.loginRequired(), (req, res) => {
  const user = plain.user(req);
  res.json({ id: user.id, provider: user.provider, email: user.email });
  // @ts-expect-error: a Profile has no roles
  void user.roles;
});

// createRegistry<User>(): onLogin's return and currentUser are the app user, and so is auth.user(req).
const typed = createRegistry<AppUser>({
  baseUrl: 'https://app.example.com',
  onLogin: ({ profile, currentUser }) => {
    const linked: AppUser | undefined = currentUser;
    return linked ?? { id: profile.id, displayName: profile.name ?? profile.id, roles: [] };
  },
});
app.get('/admin', typed.loginRequired(), (req, res) => {
  const user: AppUser = typed.user(req); // non-optional behind the guard
  res.json(user.roles.includes('admin'));
});
app.get('/maybe', (req, res) => {
  const maybe = typed.currentUser(req);
  // @ts-expect-error: outside the guard the user may be missing
  void maybe.roles;
  res.json(maybe?.displayName ?? null);
});

// false / null refuse a login; anything that is not the user type does not compile.
createRegistry<AppUser>({ baseUrl: 'https://app.example.com', onLogin: () => false });
createRegistry<AppUser>({ baseUrl: 'https://app.example.com', onLogin: async () => null });
// @ts-expect-error: onLogin must return an AppUser (or false / null)
createRegistry<AppUser>({ baseUrl: 'https://app.example.com', onLogin: ({ profile }) => ({ id: profile.id }) });
// @ts-expect-error: currentUser is an AppUser, not a Profile
createRegistry<AppUser>({ baseUrl: 'https://app.example.com', onLogin: ({ currentUser }) => currentUser?.provider ?? false });

// An onLogin with an annotated event infers the user type.
const inferred = createRegistry({
  baseUrl: 'https://app.example.com',
  onLogin: async (event: { profile: Profile; currentUser: AppUser | undefined }): Promise<AppUser> => event.currentUser ?? { id: event.profile.id, displayName: '', roles: [] },
});
const inferredUser: (req: express.Request) => AppUser = (req) => inferred.user(req);

// Code written before the user type (an onLogin returning the app's own type, no type argument) still compiles.
const legacy = createRegistry({ baseUrl: 'https://app.example.com', onLogin: ({ profile }) => ({ id: profile.id, legacy: true }) });
app.get('/legacy', loginRequired(), (req, res) => res.json(legacy.user(req)));

// The options a logger and events take.
createRegistry({
  baseUrl: 'https://app.example.com',
  logger: console,
  events: { login: (e) => void e.accountId, loginFailed: (e) => void e.code.toUpperCase(), refreshFailed: async (e) => void e.requestId },
});
// @ts-expect-error: a logger needs debug / info / warn / error
createRegistry({ baseUrl: 'https://app.example.com', logger: { info() {} } });
// @ts-expect-error: there is no such event
createRegistry({ baseUrl: 'https://app.example.com', events: { signup: () => {} } });

export { plainCheck, inferredUser };
