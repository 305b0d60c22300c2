/**
 * The HTTP side of signaling on the server's Vert.x router: the {@code /ws} WebSocket, the
 * browser SDK ({@code /sdk/quorum.js}), the demo page ({@code /}) and, in development mode only,
 * the token endpoint the demo page mints its tokens with ({@code POST /dev/token}).
 */
package dev.quorum.signaling.web;
