/** The Accounts API's credentials ({@code /v1/Credentials/AWS}, {@code /v1/Credentials/PublicKeys}). */
package dev.quorum.api.credentials;
