/**
 * API keys in the 2010 API's Keys resource shape.
 */
package dev.quorum.api.keys;
