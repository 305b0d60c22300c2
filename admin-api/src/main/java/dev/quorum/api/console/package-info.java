/**
 * The web console: sign-in sessions (a cookie plus a CSRF token, kept in the metadata store), its
 * pages and static modules. The pages hold no logic of their own that the APIs lack: they call the
 * REST API and the archive API, which accept the session cookie as one more way to authenticate.
 */
package dev.quorum.api.console;
