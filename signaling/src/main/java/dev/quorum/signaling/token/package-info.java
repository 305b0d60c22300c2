/**
 * Access tokens in the hosted video service's format: HS256 JWTs with header
 * {@code cty: twilio-fpa;v=1}, signed with an API key's secret; {@code iss} is the API key SID,
 * {@code sub} its account, {@code grants.identity} the participant and {@code grants.video} the
 * permission to join (optionally one room). {@link dev.quorum.signaling.token.AccessTokenVerifier}
 * checks them against {@link dev.quorum.signaling.token.ApiKeySecrets};
 * {@link dev.quorum.signaling.token.AccessTokenMinter} makes them (development mode and tests).
 */
package dev.quorum.signaling.token;
