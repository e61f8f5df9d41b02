export type { AuthContext, AuthRequest, AuthStrategy } from '../base/auth-strategy.js';
export { type BearerTokenSource, type BearerTokenStrategy, bearerToken } from './bearer-token.js';
export { type OAuth1Options, type OAuth1Strategy, oauth1 } from './oauth1.js';
export {
  DEFAULT_TOKEN_LIFETIME_MS,
  type OAuth2ClientCredentialsOptions,
  type OAuth2ClientCredentialsStrategy,
  oauth2ClientCredentials,
} from './oauth2-client-credentials.js';
export { ONEROSTER_SCOPES } from './scopes.js';
export {
  type OAuth1Signature,
  type OAuth1SignatureMethod,
  type SignOAuth1Options,
  signOAuth1,
} from './sign-oauth1.js';
