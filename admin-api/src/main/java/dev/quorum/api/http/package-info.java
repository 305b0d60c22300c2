/**
 * What every endpoint shares: routing with authentication, errors in the hosted service's body, typed parameters, dates, paging and request metrics.
 */
package dev.quorum.api.http;
