/** Authentication modes of the mock provider. */

/** OAuth 2.0 client credentials (OneRoster 1.1 since 2022, the only mode of 1.2). */
export interface OAuth2AuthOptions {
  readonly type: 'oauth2';
  /** @default 'mock-client-id' */
  readonly clientId?: string;
  /** @default 'mock-client-secret' */
  readonly clientSecret?: string;
  /**
   * Lifetime of issued tokens, in seconds; expired tokens get a 401.
   * @default 3600
   */
  readonly tokenLifetimeSeconds?: number;
  /**
   * Where the client credentials may be: HTTP Basic, the form body, or either.
   * @default 'either'
   */
  readonly clientAuthentication?: 'basic' | 'body' | 'either';
  /**
   * Scopes this client may be granted; a request for other scopes only is `invalid_scope`.
   * @default the three rostering scopes of the served version
   */
  readonly scopes?: readonly string[];
  /**
   * Path of the token endpoint, below the origin and prefix.
   * @default '/oauth2/token'
   */
  readonly tokenPath?: string;
  /**
   * How `expires_in` is written: a number, a string (seen in the wild), or left out.
   * @default 'number'
   */
  readonly expiresIn?: 'number' | 'string' | 'omit';
}

/** OAuth 1.0a two-legged signatures (the original 1.1 requirement). */
export interface OAuth1AuthOptions {
  readonly type: 'oauth1';
  /** @default 'mock-consumer-key' */
  readonly consumerKey?: string;
  /** @default 'mock-consumer-secret' */
  readonly consumerSecret?: string;
  /**
   * How far `oauth_timestamp` may be from the mock's clock, in seconds, either way.
   * @default 300
   */
  readonly timestampWindowSeconds?: number;
  /**
   * Accepted signature methods.
   * @default ['HMAC-SHA256', 'HMAC-SHA1']
   */
  readonly signatureMethods?: ReadonlyArray<'HMAC-SHA256' | 'HMAC-SHA1'>;
  /**
   * Scopes the consumer holds (OAuth 1.0a has no scope parameter; the provider configures them).
   * @default the three rostering scopes of the served version
   */
  readonly scopes?: readonly string[];
}

/** A static bearer token handed out by the provider. */
export interface BearerAuthOptions {
  readonly type: 'bearer';
  /** @default 'mock-static-token' */
  readonly token?: string;
  /** @default the three rostering scopes of the served version */
  readonly scopes?: readonly string[];
}

/** No authentication; every scope is held. */
export interface NoAuthOptions {
  readonly type: 'none';
}

/** How the mock authenticates requests. */
export type MockAuthOptions = OAuth2AuthOptions | OAuth1AuthOptions | BearerAuthOptions | NoAuthOptions;

/** The outcome of authenticating a data request. */
export type AuthOutcome =
  | { ok: true; scopes: ReadonlySet<string> }
  | { ok: false; description: string; challenge: string };
