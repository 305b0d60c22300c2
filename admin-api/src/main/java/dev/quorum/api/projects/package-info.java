/**
 * The archive API's projects: authentication of its two REST flavours (OpenTok {@code X-OPENTOK-AUTH}
 * HS256 JWTs keyed with the project secret, Vonage {@code Authorization: Bearer} RS256 JWTs checked
 * with the application's public key) and the routing of {@code /v2/project/…} and
 * {@code /session/create} with the JSON error body the SDKs parse.
 */
package dev.quorum.api.projects;
